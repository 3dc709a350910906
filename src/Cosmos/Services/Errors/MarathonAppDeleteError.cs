using Universe.Cosmos.Errors;

namespace Universe.Cosmos.Services.Errors;

/// <summary>Marathon did not answer 200 to the uninstall's <c>DELETE</c>. 400.</summary>
public sealed record MarathonAppDeleteError(string AppId) : CosmosError($"Error while deleting marathon app '{AppId}'");
