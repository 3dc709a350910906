namespace Universe.Cosmos.Services.Wire;

/// <summary>Body of <c>POST /service/rollback</c> (<c>service.rollback-request</c> v1): <see cref="Revision"/> defaults to the one before the current.</summary>
public sealed record ServiceRollbackRequest(string AppId, int? Revision = null);
