using System.Text.Json.Nodes;

namespace Universe.Cosmos.Services.Wire;

/// <summary>Body of <c>POST /service/diff</c> (<c>service.diff-request</c> v1): the fields of <c>service/update</c>, <see cref="Replace"/> defaulting to false.</summary>
public sealed record ServiceDiffRequest(string AppId, string? PackageVersion = null, JsonObject? Options = null, bool Replace = false);
