using System.Text.Json.Nodes;

namespace Universe.Cosmos.Services.Wire;

/// <summary>
/// Body of <c>POST /service/update</c> (<c>service.update-request</c> v1); <see cref="Replace"/> is required.
/// <see cref="RollbackOnFailure"/> is an extension (see <c>docs/install.md</c>).
/// </summary>
public sealed record ServiceUpdateRequest(
    string AppId,
    bool Replace,
    string? PackageVersion = null,
    JsonObject? Options = null,
    string? ManagerId = null,
    string? PackageName = null,
    string? CurrentPackageVersion = null,
    RollbackOnFailure? RollbackOnFailure = null);
