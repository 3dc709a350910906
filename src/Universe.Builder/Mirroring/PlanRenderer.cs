using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Universe.Builder.Mirroring;

/// <summary>Prints a <see cref="MirrorPlan"/> (<c>--dry-run</c>): as text, or as JSON with <c>--json</c>.</summary>
public static class PlanRenderer
{
    public static void WriteText(TextWriter output, MirrorPlan plan, PlanSizes sizes)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(sizes);
        var packages = plan.Packages.Select(p => p.Package.Name).Distinct(StringComparer.Ordinal).Count();
        output.WriteLine($"Plan: {packages} packages, {plan.Packages.Count} revisions, {plan.Resources.Count} distinct HTTP resources, {plan.Images.Count} distinct images");
        output.WriteLine();
        output.WriteLine($"{"PACKAGE",-36} {"VERSION",-28} {"RELEASE",7} {"URLS",5} {"IMAGES",6}");
        foreach (var p in plan.Packages)
        {
            output.WriteLine($"{p.Package.Name,-36} {p.Package.Version,-28} {p.Package.ReleaseVersion,7} {p.Resources.Count,5} {p.Images.Count,6}");
        }

        output.WriteLine();
        var byKind = plan.Resources.GroupBy(r => r.Kind).OrderBy(g => g.Key).Select(g => $"{g.Key.ToString().ToLowerInvariant()} {g.Count()}");
        output.WriteLine($"HTTP resources: {plan.Resources.Count} ({string.Join(", ", byKind)})");
        output.WriteLine(sizes.Known == 0
            ? "Bytes: unknown (no HEAD answered)"
            : $"Bytes: {Bytes(sizes.Total)} for the {sizes.Known} of {plan.Resources.Count} URLs whose HEAD told a size");
        output.WriteLine($"Images: {plan.Images.Count}");
        foreach (var f in plan.Selection.Fallbacks)
        {
            output.WriteLine($"Fallback: {f.Name} {f.Version} (release {f.ReleaseVersion}) for DC/OS {f.DcosVersion}; newest is {f.NewestVersion} (release {f.NewestReleaseVersion})");
        }

        foreach (var s in plan.Selection.Skipped)
        {
            output.WriteLine($"Not included: {s.Name}: {s.Reason}");
        }
    }

    public static void WriteJson(TextWriter output, MirrorPlan plan, PlanSizes sizes)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(sizes);
        var json = new JsonObject
        {
            ["packages"] = new JsonArray([.. plan.Packages.Select(p => (JsonNode)new JsonObject
            {
                ["name"] = p.Package.Name,
                ["version"] = p.Package.Version,
                ["releaseVersion"] = p.Package.ReleaseVersion,
                ["resources"] = new JsonArray([.. p.Resources.Select(r => (JsonNode?)JsonValue.Create(r.Url))]),
                ["images"] = new JsonArray([.. p.Images.Select(i => (JsonNode?)JsonValue.Create(i))]),
            })]),
            ["resources"] = new JsonArray([.. plan.Resources.Select(r => (JsonNode)Resource(r, sizes))]),
            ["images"] = new JsonArray([.. plan.Images.Select(i => (JsonNode)new JsonObject
            {
                ["reference"] = i.Reference,
                ["packages"] = new JsonArray([.. i.Packages.Select(p => (JsonNode?)JsonValue.Create(p))]),
            })]),
            ["fallbacks"] = JsonSerializer.SerializeToNode(plan.Selection.Fallbacks, JsonSerializerOptions.Web),
            ["skipped"] = JsonSerializer.SerializeToNode(plan.Selection.Skipped, JsonSerializerOptions.Web),
            ["totals"] = new JsonObject
            {
                ["packages"] = plan.Packages.Select(p => p.Package.Name).Distinct(StringComparer.Ordinal).Count(),
                ["revisions"] = plan.Packages.Count,
                ["resources"] = plan.Resources.Count,
                ["images"] = plan.Images.Count,
                ["knownBytes"] = sizes.Total,
                ["resourcesWithKnownSize"] = sizes.Known,
            },
        };
        output.WriteLine(json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    public static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => (bytes / (double)(1L << 30)).ToString("0.0", CultureInfo.InvariantCulture) + " GiB",
        >= 1L << 20 => (bytes / (double)(1L << 20)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB",
        >= 1L << 10 => (bytes / (double)(1L << 10)).ToString("0.0", CultureInfo.InvariantCulture) + " KiB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " B",
    };

    private static JsonObject Resource(PlannedResource r, PlanSizes sizes)
    {
        var o = new JsonObject
        {
            ["url"] = r.Url,
            ["kind"] = r.Kind.ToString().ToLowerInvariant(),
            ["packages"] = new JsonArray([.. r.Packages.Select(p => (JsonNode?)JsonValue.Create(p))]),
        };
        if (r.Sha256 is not null)
        {
            o["sha256"] = r.Sha256;
        }

        if (sizes.Of(r.Url) is { } size)
        {
            o["size"] = size;
        }

        return o;
    }
}
