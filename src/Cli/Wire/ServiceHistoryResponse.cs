namespace Universe.Cli.Wire;

/// <summary><c>POST /service/history</c> response: revisions newest first.</summary>
public sealed record ServiceHistoryResponse(string? AppId, IReadOnlyList<ServiceRevision> Revisions);
