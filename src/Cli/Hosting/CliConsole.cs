namespace Universe.Cli.Hosting;

/// <summary>
/// The streams a command talks to: tables, JSON and prompts on <see cref="Out"/>; notes, warnings and errors on
/// <see cref="Error"/>. <see cref="IsInteractive"/> is false when stdin is redirected: then no prompt is ever shown.
/// </summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error, TextReader In, bool IsInteractive, bool IsErrorTerminal)
{
    /// <summary>Whether <see cref="Out"/> is a terminal (diffs are coloured then, unless <c>NO_COLOR</c> is set).</summary>
    public bool IsOutputTerminal { get; init; }

    /// <summary>The process console.</summary>
    public static CliConsole System() => new(
        global::System.Console.Out,
        global::System.Console.Error,
        global::System.Console.In,
        !global::System.Console.IsInputRedirected,
        !global::System.Console.IsErrorRedirected)
    {
        IsOutputTerminal = !global::System.Console.IsOutputRedirected
            && string.IsNullOrEmpty(global::System.Environment.GetEnvironmentVariable("NO_COLOR")),
    };
}
