namespace Universe.Cosmos.Services.Wire;

/// <summary><c>package.uninstall-response</c> v1.</summary>
public sealed record UninstallResponse(IReadOnlyList<UninstallResult> Results);
