using Universe.Cli.Hosting;

namespace Universe.Cli.Output;

/// <summary>
/// Confirmation prompts. Prompts go to stdout; an empty answer or end of input means no. Without a terminal on
/// stdin no prompt is ever shown: the action must be confirmed with <c>--yes</c>, else it fails with a message
/// that says so (no hidden hang).
/// </summary>
public sealed class Prompter(CliConsole console)
{
    private const int Attempts = 3;

    /// <summary>Asks <c>question [yes/no] </c>; true only for y/yes.</summary>
    public bool Confirm(string question, bool assumeYes)
    {
        if (assumeYes)
        {
            return true;
        }

        RequireTerminal();
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            console.Out.Write($"{question} [yes/no] ");
            console.Out.Flush();
            var answer = console.In.ReadLine()?.Trim();
            switch (answer?.ToUpperInvariant())
            {
                case null or "" or "N" or "NO":
                    return false;
                case "Y" or "YES":
                    return true;
                default:
                    console.Error.WriteLine($"'{answer}' is not a valid response.");
                    break;
            }
        }

        return false;
    }

    /// <summary>
    /// Asks for the exact text <paramref name="expected"/> (the whole line is read); <paramref name="normalize"/>, when
    /// given, is applied to the answer first (app ids with or without their leading slash).
    /// </summary>
    public bool ConfirmTyped(string prompt, string expected, bool assumeYes, Func<string, string>? normalize = null)
    {
        if (assumeYes)
        {
            return true;
        }

        RequireTerminal();
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            console.Out.Write(prompt);
            console.Out.Flush();
            var answer = console.In.ReadLine()?.Trim();
            if (string.IsNullOrEmpty(answer))
            {
                return false;
            }

            if (string.Equals(normalize is null ? answer : normalize(answer), expected, StringComparison.Ordinal))
            {
                return true;
            }

            console.Error.WriteLine($"Expected '{expected}'. You supplied '{answer}'.");
        }

        return false;
    }

    private void RequireTerminal()
    {
        if (!console.IsInteractive)
        {
            throw new CliException("confirmation required, but standard input is not a terminal: pass --yes to proceed without a prompt");
        }
    }
}
