using System.Text.Json.Nodes;

namespace Universe.Cosmos.Services.Wire;

/// <summary>
/// <c>package.install-response</c> v2: <see cref="AppId"/> absent for a CLI-only package, <see cref="Cli"/> =
/// <c>resource.cli</c> with URLs rewritten to the resource proxy. The v1 response is the first three fields.
/// </summary>
public sealed record InstallResponse(
    string PackageName,
    string PackageVersion,
    string? AppId = null,
    string? PostInstallNotes = null,
    JsonObject? Cli = null);
