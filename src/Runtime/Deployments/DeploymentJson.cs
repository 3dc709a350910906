using System.Text.Json.Nodes;

namespace Universe.Runtime.Deployments;

/// <summary>Marathon's JSON shapes of a deployment (<c>GET /v2/deployments</c> items and event payloads).</summary>
internal static class DeploymentJson
{
    public static JsonObject Info(Deployment d)
    {
        var current = d.CurrentStep < d.Steps.Count ? d.Steps[d.CurrentStep] : [];
        return new JsonObject
        {
            ["id"] = d.Id,
            ["version"] = d.Version,
            ["affectedApps"] = new JsonArray([.. d.AffectedApps.Select(a => (JsonNode)JsonValue.Create(a))]),
            ["affectedPods"] = new JsonArray(),
            ["steps"] = Steps(d),
            ["currentActions"] = new JsonArray([.. current.Select(a => (JsonNode)new JsonObject
            {
                ["action"] = a.Action,
                ["app"] = a.App,
                ["readinessCheckResults"] = new JsonArray(),
            })]),
            ["currentStep"] = Math.Min(d.CurrentStep + 1, d.Steps.Count),
            ["totalSteps"] = d.Steps.Count,
        };
    }

    public static JsonObject Plan(Deployment d) => new()
    {
        ["id"] = d.Id,
        ["steps"] = Steps(d),
        ["version"] = d.Version,
    };

    public static JsonObject EventPlan(Deployment d) => new()
    {
        ["plan"] = Plan(d),
        ["currentStep"] = new JsonObject { ["actions"] = Actions(d.Steps.Count > 0 ? d.Steps[Math.Min(d.CurrentStep, d.Steps.Count - 1)] : []) },
    };

    public static JsonArray Steps(Deployment d) =>
        new([.. d.Steps.Select(s => (JsonNode)new JsonObject { ["actions"] = Actions(s) })]);

    private static JsonArray Actions(IReadOnlyList<DeploymentAction> actions) =>
        new([.. actions.Select(a => (JsonNode)new JsonObject { ["action"] = a.Action, ["app"] = a.App })]);
}
