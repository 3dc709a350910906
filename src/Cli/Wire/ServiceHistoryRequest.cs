namespace Universe.Cli.Wire;

/// <summary><c>POST /service/history</c> request.</summary>
public sealed record ServiceHistoryRequest(string AppId);
