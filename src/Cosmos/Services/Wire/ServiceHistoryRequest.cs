namespace Universe.Cosmos.Services.Wire;

/// <summary>Body of <c>POST /service/history</c> (<c>service.history-request</c> v1).</summary>
public sealed record ServiceHistoryRequest(string AppId);
