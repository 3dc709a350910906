namespace Universe.Cli;

/// <summary>Process exit codes of <c>dcos</c>.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>Any failure: printed as <c>Error: …</c> on stderr.</summary>
    public const int Error = 1;

    /// <summary>The command line could not be parsed (unknown command, missing argument, bad flag combination).</summary>
    public const int InvalidArguments = 2;
}
