namespace Universe.Runtime;

/// <summary><c>Runtime:LocalAgent</c>: the agent that launches real processes through the task executor.</summary>
internal sealed class LocalAgentOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Mesos resource text; empty means this machine's cores, memory, disk and ports 10000–20000.</summary>
    public string? Resources { get; set; }
}
