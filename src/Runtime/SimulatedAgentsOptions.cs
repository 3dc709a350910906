namespace Universe.Runtime;

/// <summary><c>Runtime:SimulatedAgents</c>: bookkeeping-only agents, all with the same resources.</summary>
internal sealed class SimulatedAgentsOptions
{
    public int Count { get; set; }

    /// <summary>Mesos resource text, e.g. <c>cpus:9;mem:18432;disk:100000;ports:[31000-32000]</c>.</summary>
    public string Resources { get; set; } = "cpus:4;mem:8192;disk:100000;ports:[31000-32000]";
}
