using System.Text.Json.Nodes;

namespace Universe.Cli.Wire;

/// <summary><c>POST /service/rollback</c> response.</summary>
public sealed record ServiceRollbackResponse(
    string AppId,
    int Revision,
    int RolledBackTo,
    string? PackageName,
    string? PackageVersion,
    JsonObject? Options,
    string MarathonDeploymentId);
