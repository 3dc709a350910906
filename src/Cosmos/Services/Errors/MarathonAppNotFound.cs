using Universe.Cosmos.Errors;

namespace Universe.Cosmos.Services.Errors;

/// <summary>service/describe or service/update of an app Marathon does not know. 400.</summary>
public sealed record MarathonAppNotFound(string AppId) : CosmosError($"Unable to locate service with marathon appId: '{AppId}'");
