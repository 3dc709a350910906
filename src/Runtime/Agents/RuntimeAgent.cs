using Universe.Runtime.Resources;

namespace Universe.Runtime.Agents;

/// <summary>An agent: the local one (real processes through the task executor) or a simulated one (bookkeeping only).</summary>
internal sealed record RuntimeAgent(string Id, string Hostname, MesosResources Total, bool Simulated);
