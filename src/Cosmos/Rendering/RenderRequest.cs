using System.Text.Json.Nodes;

namespace Universe.Cosmos.Rendering;

/// <summary>Body of <c>POST /package/render</c> (<c>package.render-request</c> v1).</summary>
public sealed record RenderRequest(string PackageName, string? PackageVersion = null, JsonObject? Options = null, string? AppId = null);
