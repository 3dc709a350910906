using System.Text.Json.Nodes;

namespace Universe.Cosmos.Services.Wire;

/// <summary>
/// One installed app in <c>package/list</c>. <see cref="UserProvidedOptions"/> (the decoded <c>DCOS_PACKAGE_OPTIONS</c>)
/// is an extension of this implementation; DC/OS clients ignore it.
/// </summary>
public sealed record Installation(string AppId, PackageInformation PackageInformation, JsonObject? UserProvidedOptions = null);
