namespace Universe.Runtime;

/// <summary><c>Runtime:FaultInjection</c>: hooks for crash tests only. Never set in production.</summary>
internal sealed class FaultInjectionOptions
{
    /// <summary>
    /// <c>Runtime:FaultInjection:KillDuringCommitAfterWrites</c>: when &gt; 0, the process SIGKILLs itself after this many
    /// writes of a transaction that has more (a crash in the middle of a commit). 0: off.
    /// </summary>
    public int KillDuringCommitAfterWrites { get; set; }
}
