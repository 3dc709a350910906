using System.Text.Json.Nodes;

namespace Universe.Cli.Wire;

/// <summary><c>POST /package/render</c> response.</summary>
public sealed record RenderResponse(JsonObject MarathonJson);
