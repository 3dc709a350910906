using Universe.Cosmos.Errors;

namespace Universe.Cosmos.Marathon.Errors;

/// <summary>An app id that breaks Marathon's id rules (empty, <c>.</c> or <c>..</c> segments, segment syntax, length). 400.</summary>
public sealed record InvalidAppId(string AppId) : CosmosError($"Invalid Marathon app id [{AppId}]");
