using System.Net;
using System.Text.Json.Serialization;
using Universe.Cosmos.Errors;

namespace Universe.Cosmos.Gui;

/// <summary>405: the GUI's pages and files only answer GET and HEAD.</summary>
public sealed record GuiMethodNotAllowed(string Method, string Path) : CosmosError($"The GUI answers GET and HEAD only, not [{Method}] on [{Path}]")
{
    [JsonIgnore] public override HttpStatusCode Status => HttpStatusCode.MethodNotAllowed;
}
