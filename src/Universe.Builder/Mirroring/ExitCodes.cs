namespace Universe.Builder.Mirroring;

/// <summary>Exit codes of the mirror verbs (the same meaning as the builder's: 0 done, 1 failed items, 2 usage).</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int InvalidArguments = 2;
}
