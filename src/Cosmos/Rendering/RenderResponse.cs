using System.Text.Json.Nodes;

namespace Universe.Cosmos.Rendering;

/// <summary>Body of the <c>package.render-response</c> v1: the decorated Marathon app.</summary>
public sealed record RenderResponse(JsonObject MarathonJson);
