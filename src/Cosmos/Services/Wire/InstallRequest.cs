using System.Text.Json.Nodes;

namespace Universe.Cosmos.Services.Wire;

/// <summary>Body of <c>POST /package/install</c> (<c>package.install-request</c> v1).</summary>
public sealed record InstallRequest(
    string PackageName,
    string? PackageVersion = null,
    JsonObject? Options = null,
    string? AppId = null,
    string? ManagerId = null);
