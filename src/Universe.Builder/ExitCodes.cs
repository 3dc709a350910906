namespace Universe.Builder;

/// <summary>Process exit codes of <c>universe</c>.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked (no error findings).</summary>
    public const int Success = 0;

    /// <summary>Findings (validation errors, warnings under <c>--warnings-as-errors</c>) or a failed build.</summary>
    public const int Findings = 1;

    /// <summary>The command line could not be used (unknown verb or option, missing directory).</summary>
    public const int Usage = 2;
}
