using System.Text.Json.Nodes;

namespace Universe.Cli.Wire;

/// <summary>The package an installed app came from (from its <c>DCOS_PACKAGE_DEFINITION</c> label).</summary>
public sealed record InstalledPackageInformation(JsonObject PackageDefinition, JsonObject? ResourceDefinition);
