using System.Text.Json.Nodes;

namespace Universe.Cosmos.Services.Wire;

/// <summary><c>service.describe-response</c> v1.</summary>
public sealed record ServiceDescribeResponse(
    JsonObject Package,
    IReadOnlyList<string> UpgradesTo,
    IReadOnlyList<string> DowngradesTo,
    JsonObject? ResolvedOptions = null,
    JsonObject? UserProvidedOptions = null);
