namespace Universe.Runtime;

/// <summary><c>Runtime:LocalAgent</c>: the agent that launches real processes through the task executor.</summary>
internal sealed class LocalAgentOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Mesos resource text; empty means this machine's cores, memory, disk and ports 10000–20000.</summary>
    public string? Resources { get; set; }

    /// <summary>
    /// Where the Runtimes of this machine claim host ports (one lock file per port), so that two Runtimes never hand out
    /// the same port. Default: <see cref="DefaultHostPortLockDirectory"/>; every Runtime of the machine must use the same.
    /// </summary>
    public string? HostPortLockDirectory { get; set; }

    public static string DefaultHostPortLockDirectory => Path.Join(Path.GetTempPath(), "universe-runtime-host-ports");
}
