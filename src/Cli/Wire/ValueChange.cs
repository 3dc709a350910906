using System.Text.Json.Nodes;

namespace Universe.Cli.Wire;

/// <summary>One changed JSON value (JSON Pointer, old, new).</summary>
public sealed record ValueChange(string Path, JsonNode? Old, JsonNode? New);
