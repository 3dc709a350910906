using System.Text.Json.Nodes;

namespace Universe.Cli.Wire;

/// <summary>One revision in a <c>service/history</c> response.</summary>
public sealed record ServiceRevision(
    int Revision,
    string Version,
    string Change,
    string? PackageName,
    string? PackageVersion,
    JsonObject? Options,
    JsonObject? ResolvedOptions,
    int? Instances,
    int? RollbackTo,
    RevisionDeployment? Deployment,
    bool? Current);
