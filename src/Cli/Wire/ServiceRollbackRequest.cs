namespace Universe.Cli.Wire;

/// <summary><c>POST /service/rollback</c> request.</summary>
public sealed record ServiceRollbackRequest(string AppId, int? Revision);
