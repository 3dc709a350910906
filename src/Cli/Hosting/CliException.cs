namespace Universe.Cli.Hosting;

/// <summary>A failure with a message meant for the user (printed as <c>Error: message</c>).</summary>
public class CliException : Exception
{
    public CliException()
    {
    }

    public CliException(string message)
        : base(message)
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The process exit code this failure maps to.</summary>
    public int ExitCode { get; init; } = ExitCodes.Error;

    /// <summary>A failure in how the command was called (exit code 2).</summary>
    public static CliException Usage(string message) => new(message) { ExitCode = ExitCodes.InvalidArguments };
}
