using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Universe.Builder.Validation;

/// <summary>Writes a <see cref="ValidationResult"/> as text (one finding per line, summary last) or as one JSON document.</summary>
public static class FindingWriter
{
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteTextAsync(ValidationResult result, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        foreach (var finding in result.Findings)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await output.WriteLineAsync(finding.ToString());
        }
    }

    /// <summary>The summary line: <c>N errors, M warnings in R revisions (code: n, …)</c>.</summary>
    public static string Summary(ValidationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var counts = result.CountsByCode();
        var byCode = counts.Count == 0 ? string.Empty : " (" + string.Join(", ", counts.Select(c => $"{c.Key}: {c.Value}")) + ")";
        return $"{result.Errors} errors, {result.Warnings} warnings in {result.Revisions} revisions{byCode}";
    }

    public static async Task WriteJsonAsync(ValidationResult result, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        var findings = new JsonArray();
        foreach (var finding in result.Findings)
        {
            var item = new JsonObject
            {
                ["path"] = finding.Path,
                ["line"] = finding.Line,
                ["severity"] = finding.Severity == FindingSeverity.Error ? "error" : "warning",
                ["code"] = finding.Code,
                ["message"] = finding.Message,
            };
            if (finding.Line is null)
            {
                item.Remove("line");
            }

            findings.Add(item);
        }

        var counts = new JsonObject();
        foreach (var (code, count) in result.CountsByCode())
        {
            counts[code] = count;
        }

        var document = new JsonObject
        {
            ["findings"] = findings,
            ["summary"] = new JsonObject
            {
                ["revisions"] = result.Revisions,
                ["errors"] = result.Errors,
                ["warnings"] = result.Warnings,
                ["byCode"] = counts,
                ["schemasFromTree"] = new JsonArray([.. result.SchemasFromTree.Select(s => (JsonNode?)s)]),
            },
        };
        await output.WriteLineAsync(document.ToJsonString(Pretty).AsMemory(), cancellationToken);
    }
}
