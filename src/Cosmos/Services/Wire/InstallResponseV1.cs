namespace Universe.Cosmos.Services.Wire;

/// <summary><c>package.install-response</c> v1.</summary>
public sealed record InstallResponseV1(string PackageName, string PackageVersion, string AppId);
