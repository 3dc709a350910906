using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Universe.Cli.Output;

/// <summary>Lenient reads of loosely typed JSON and the indented JSON the CLI prints.</summary>
public static class JsonText
{
    private static readonly JsonSerializerOptions Indent4 = new()
    {
        WriteIndented = true,
        IndentSize = 4,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = Wire.CliJsonContext.Default,
    };

    private static readonly JsonSerializerOptions Indent2 = new(Indent4) { IndentSize = 2 };

    /// <summary>The string value of <paramref name="node"/>, or null when it is absent or not a string.</summary>
    public static string? Str(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>The boolean value of <paramref name="node"/>, or <paramref name="fallback"/>.</summary>
    public static bool Bool(JsonNode? node, bool fallback = false) =>
        node is JsonValue value && value.TryGetValue<bool>(out var flag) ? flag : fallback;

    /// <summary>The numeric value of <paramref name="node"/>, or null.</summary>
    public static double? Number(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number ? value.GetValue<double>() : null;

    /// <summary>The node printed with a 4-space indent (search, list and repo <c>--json</c>).</summary>
    public static string Format4(JsonNode? node) => node?.ToJsonString(Indent4) ?? "null";

    /// <summary>The node printed with a 2-space indent (describe, render).</summary>
    public static string Format2(JsonNode? node) => node?.ToJsonString(Indent2) ?? "null";

    /// <summary>A typed value printed with a 4-space indent (wire naming, nulls dropped).</summary>
    public static string Format4<T>(T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) =>
        Format4(JsonSerializer.SerializeToNode(value, type));
}
