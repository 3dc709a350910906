using System.Text.Json.Serialization;

namespace Universe.Cosmos.Gui;

/// <summary>Body of <c>GET /gui/settings</c>: what the GUI must know before its first call.</summary>
/// <param name="TokenRequired">Whether changes need <c>Authorization: Bearer</c> (a token is configured, or Cosmos listens off loopback).</param>
/// <param name="Marathon">The path of the Marathon API the GUI reads live status from (null: not reachable through Cosmos).</param>
internal sealed record GuiSettings(
    [property: JsonPropertyName("tokenRequired")] bool TokenRequired,
    [property: JsonPropertyName("marathon")] string? Marathon);
