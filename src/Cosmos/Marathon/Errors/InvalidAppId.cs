using Universe.Cosmos.Errors;

namespace Universe.Cosmos.Marathon.Errors;

/// <summary>An app id that is not a Marathon path (empty, or with empty, <c>.</c> or <c>..</c> segments). 400.</summary>
public sealed record InvalidAppId(string AppId) : CosmosError($"Invalid Marathon app id [{AppId}]");
