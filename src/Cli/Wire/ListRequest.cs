namespace Universe.Cli.Wire;

/// <summary><c>POST /package/list</c> request.</summary>
public sealed record ListRequest(string? PackageName, string? AppId);
