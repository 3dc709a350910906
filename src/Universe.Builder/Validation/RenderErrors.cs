using System.Text.Json.Nodes;
using Universe.Cosmos.Rendering.Errors;

namespace Universe.Builder.Validation;

/// <summary>Cosmos's <c>JsonSchemaMismatch</c> errors (fge shape) as one line: <c>keyword at 'pointer': message</c>.</summary>
internal static class RenderErrors
{
    public static string Describe(JsonSchemaMismatch mismatch) =>
        string.Join("; ", mismatch.Errors.Take(5).Select(Describe)) + (mismatch.Errors.Count > 5 ? $"; … ({mismatch.Errors.Count} errors)" : string.Empty);

    private static string Describe(JsonObject error)
    {
        var text = $"{error["keyword"]} at '{error["instance"]?["pointer"]}': {error["message"]}";
        var nested = error["reports"] is JsonObject reports
            ? reports.SelectMany(r => r.Value as JsonArray ?? []).OfType<JsonObject>().Select(Describe).ToList()
            : [];
        return nested.Count == 0 ? text : $"{text} [{string.Join("; ", nested)}]";
    }
}
