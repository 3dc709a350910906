using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Universe.Cosmos.Http;
using Universe.Cosmos.Services.Errors;
using Universe.Cosmos.Services.Wire;

namespace Universe.Cosmos.Services.Lifecycle;

/// <summary>
/// <c>service/diff</c>: plans the update exactly as <c>service/update</c> does (same errors) and compares, without
/// applying anything: resolved and user options, and the app the installed package and options render against
/// the app the update would send (both without the <c>DCOS_PACKAGE_CHANGE</c> label).
/// </summary>
public sealed class ServiceDiffer(UpdatePlanner planner)
{
    /// <summary>Label values longer than this are abbreviated in the unified diff (the JSON diff keeps them whole).</summary>
    public const int MaxUnifiedDiffValueLength = 120;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<ServiceDiffResponse> DiffAsync(ServiceDiffRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var plan = await planner.PlanAsync(request.AppId, request.PackageVersion, request.Options, request.Replace, refuseVersionChange: false, cancellationToken);
        var installed = plan.Installed;
        var before = WithoutChangeLabel(planner.RenderInstalled(installed, plan.Current) ?? Redeploy.Body(installed.App.Json));
        var after = WithoutChangeLabel(plan.App);
        var version = new PackageVersionChange(
            plan.InstalledVersion,
            plan.Target.Version,
            plan.VersionAllowed,
            plan.VersionAllowed ? null : new VersionChangeNotAllowed(plan.Target.Name, plan.Target.Version, plan.InstalledVersion).Message);
        return new ServiceDiffResponse(
            installed.AppId,
            version,
            JsonDiff.Compute(planner.ResolveInstalled(installed, plan.Current), plan.ResolvedOptions),
            JsonDiff.Compute(installed.UserOptions, plan.UserOptions),
            JsonDiff.Compute(before, after),
            UnifiedDiff.Compute(Pretty(before), Pretty(after)));
    }

    /// <summary>The app pretty-printed as the unified diff shows it: nulls dropped, long label values abbreviated.</summary>
    public static string Pretty(JsonObject app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var copy = JsonNode.Parse(CosmosJson.DropNulls(Encoding.UTF8.GetBytes(app.ToJsonString())))!.AsObject();
        if (copy["labels"] is JsonObject labels)
        {
            foreach (var (key, value) in labels.ToList())
            {
                if (value is JsonValue v && v.TryGetValue(out string? text) && text.Length > MaxUnifiedDiffValueLength)
                {
                    var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];
                    labels[key] = $"{text[..40]}… ({text.Length} chars, sha256 {hash}…)";
                }
            }
        }

        return copy.ToJsonString(Indented) + "\n";
    }

    private static JsonObject WithoutChangeLabel(JsonObject app)
    {
        var copy = (JsonObject)app.DeepClone();
        (copy["labels"] as JsonObject)?.Remove(ChangeRecord.Label);
        return copy;
    }
}
