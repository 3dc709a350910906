using System.Net;
using System.Text.Json.Serialization;
using Universe.Cosmos.Errors;

namespace Universe.Cosmos.Gui;

/// <summary>404: no GUI file at that path (every path under <c>/gui/</c> is looked up exactly; nothing else is served).</summary>
public sealed record GuiAssetNotFound(string Path) : CosmosError($"No GUI file [{Path}]")
{
    [JsonIgnore] public override HttpStatusCode Status => HttpStatusCode.NotFound;
}
