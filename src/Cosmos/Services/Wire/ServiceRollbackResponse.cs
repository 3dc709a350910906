using System.Text.Json.Nodes;

namespace Universe.Cosmos.Services.Wire;

/// <summary>
/// <c>service.rollback-response</c> v1: the revision rolled back to (<see cref="RolledBackTo"/>), the new revision the
/// rollback created (<see cref="Revision"/>), its package version and user options, and the Marathon deployment.
/// </summary>
public sealed record ServiceRollbackResponse(
    string AppId,
    int Revision,
    int RolledBackTo,
    string? PackageName,
    string? PackageVersion,
    JsonObject? Options,
    string MarathonDeploymentId);
