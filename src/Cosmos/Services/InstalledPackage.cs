using System.Text.Json.Nodes;
using Universe.Cosmos.Marathon;
using Universe.Cosmos.Packages;

namespace Universe.Cosmos.Services;

/// <summary>
/// A Marathon app read as an installed package. <see cref="Package"/> is the full definition when the app carries
/// <c>DCOS_PACKAGE_DEFINITION</c>; <see cref="Details"/> the package details either way (from the definition, the
/// historical <c>DCOS_PACKAGE_METADATA</c>, or just the name/version labels); <see cref="Resource"/> the resource known
/// from the labels.
/// </summary>
public sealed record InstalledPackage(
    MarathonApp App,
    string PackageName,
    string? PackageVersion,
    PackageDefinition? Package,
    JsonObject Details,
    JsonObject? Resource,
    JsonObject? UserOptions,
    string? Source)
{
    public string AppId => App.Id;
}
