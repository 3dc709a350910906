namespace Universe.Builder;

/// <summary>Where runners write: human or JSON output to <see cref="Out"/>, diagnostics to <see cref="Error"/>.</summary>
public sealed record BuilderConsole(TextWriter Out, TextWriter Error)
{
    /// <summary>The process's standard output and error.</summary>
    public static BuilderConsole System { get; } = new(Console.Out, Console.Error);
}
