using System.Text.Json.Nodes;

namespace Universe.Cosmos.Services.Wire;

/// <summary>
/// One revision of a service: one Marathon app version. <see cref="Change"/> is <c>install</c>, <c>update</c>,
/// <c>rollback</c>, <c>scale</c> (only the instance count changed) or <c>external</c> (a Marathon change Cosmos did
/// not make); <see cref="RollbackTo"/> the revision a rollback went back to; <see cref="Deployment"/> the outcome
/// where known.
/// </summary>
public sealed record ServiceRevision(
    int Revision,
    string Version,
    string Change,
    string? PackageName,
    string? PackageVersion,
    JsonObject? Options,
    JsonObject? ResolvedOptions,
    int? Instances,
    int? RollbackTo = null,
    RevisionDeployment? Deployment = null,
    bool? Current = null);
