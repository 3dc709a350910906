using System.Text.Json.Nodes;

namespace Universe.Cosmos.Services.Wire;

/// <summary>One changed JSON value in a <c>service/diff</c>: its JSON Pointer and the values (absent where that side has none).</summary>
public sealed record ValueChange(string Path, JsonNode? Old, JsonNode? New);
