namespace Universe.Runtime.Groups;

/// <summary>An explicitly created group: its dependencies (absolute ids), enforceRole flag and version.</summary>
internal sealed record GroupDefinition(string Id, IReadOnlyList<string> Dependencies, bool EnforceRole, string Version);
