namespace Universe.Cosmos.Services.Wire;

/// <summary><c>service.history-response</c> v1: the revisions Marathon keeps, newest first.</summary>
public sealed record ServiceHistoryResponse(string AppId, IReadOnlyList<ServiceRevision> Revisions);
