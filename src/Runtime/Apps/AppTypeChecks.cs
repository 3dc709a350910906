using System.Text.Json;
using System.Text.Json.Nodes;

namespace Universe.Runtime.Apps;

/// <summary>Stage one: JSON types of the known fields (play-json's <c>error.expected.*</c> messages, status 400).</summary>
internal static class AppTypeChecks
{
    private static readonly Dictionary<string, JsonValueKind> Kinds = new(StringComparer.Ordinal)
    {
        ["id"] = JsonValueKind.String,
        ["cmd"] = JsonValueKind.String,
        ["args"] = JsonValueKind.Array,
        ["cpus"] = JsonValueKind.Number,
        ["mem"] = JsonValueKind.Number,
        ["disk"] = JsonValueKind.Number,
        ["gpus"] = JsonValueKind.Number,
        ["instances"] = JsonValueKind.Number,
        ["executor"] = JsonValueKind.String,
        ["container"] = JsonValueKind.Object,
        ["env"] = JsonValueKind.Object,
        ["labels"] = JsonValueKind.Object,
        ["portDefinitions"] = JsonValueKind.Array,
        ["ports"] = JsonValueKind.Array,
        ["requirePorts"] = JsonValueKind.True,
        ["healthChecks"] = JsonValueKind.Array,
        ["readinessChecks"] = JsonValueKind.Array,
        ["upgradeStrategy"] = JsonValueKind.Object,
        ["constraints"] = JsonValueKind.Array,
        ["acceptedResourceRoles"] = JsonValueKind.Array,
        ["role"] = JsonValueKind.String,
        ["fetch"] = JsonValueKind.Array,
        ["uris"] = JsonValueKind.Array,
        ["dependencies"] = JsonValueKind.Array,
        ["backoffSeconds"] = JsonValueKind.Number,
        ["backoffFactor"] = JsonValueKind.Number,
        ["maxLaunchDelaySeconds"] = JsonValueKind.Number,
        ["taskKillGracePeriodSeconds"] = JsonValueKind.Number,
        ["killSelection"] = JsonValueKind.String,
        ["user"] = JsonValueKind.String,
        ["networks"] = JsonValueKind.Array,
    };

    public static void Check(JsonObject app, string path, ValidationErrors errors)
    {
        foreach (var (name, kind) in Kinds)
        {
            var node = app[name];
            if (node is null)
            {
                continue;
            }

            var actual = node.GetValueKind();
            var ok = kind == JsonValueKind.True ? actual is JsonValueKind.True or JsonValueKind.False : actual == kind;
            if (!ok)
            {
                errors.AddTypeError($"{path}/{name}", AppNormalizer.Expected(kind));
            }
        }

        if (errors.HasTypeErrors)
        {
            return;
        }

        if (app["instances"] is JsonValue instances && !IsInteger(instances))
        {
            errors.AddTypeError(path + "/instances", "error.expected.int");
        }

        CheckStrings(app["args"] as JsonArray, path + "/args", errors);
        CheckStrings(app["dependencies"] as JsonArray, path + "/dependencies", errors);
        CheckStrings(app["uris"] as JsonArray, path + "/uris", errors);
        CheckStringMap(app["labels"] as JsonObject, path + "/labels", errors, allowSecret: false);
        CheckStringMap(app["env"] as JsonObject, path + "/env", errors, allowSecret: true);
        if (app["ports"] is JsonArray ports)
        {
            for (var i = 0; i < ports.Count; i++)
            {
                if (ports[i] is not JsonValue v || !IsInteger(v))
                {
                    errors.AddTypeError($"{path}/ports({i})", "error.expected.int");
                }
            }
        }

        CheckObjects(app["portDefinitions"] as JsonArray, path + "/portDefinitions", errors);
        CheckObjects(app["healthChecks"] as JsonArray, path + "/healthChecks", errors);
        CheckObjects(app["fetch"] as JsonArray, path + "/fetch", errors);
    }

    public static bool IsInteger(JsonValue value) =>
        value.GetValueKind() == JsonValueKind.Number && value.TryGetDouble(out var d) && Math.Floor(d) == d && d is >= int.MinValue and <= int.MaxValue;

    private static void CheckStrings(JsonArray? array, string path, ValidationErrors errors)
    {
        for (var i = 0; i < (array?.Count ?? 0); i++)
        {
            if (array![i]?.GetValueKind() != JsonValueKind.String)
            {
                errors.AddTypeError($"{path}({i})", "error.expected.jsstring");
            }
        }
    }

    private static void CheckObjects(JsonArray? array, string path, ValidationErrors errors)
    {
        for (var i = 0; i < (array?.Count ?? 0); i++)
        {
            if (array![i]?.GetValueKind() != JsonValueKind.Object)
            {
                errors.AddTypeError($"{path}({i})", "error.expected.jsobject");
            }
        }
    }

    private static void CheckStringMap(JsonObject? map, string path, ValidationErrors errors, bool allowSecret)
    {
        foreach (var (key, value) in map ?? [])
        {
            var kind = value?.GetValueKind();
            var ok = kind == JsonValueKind.String || (allowSecret && value is JsonObject secret && secret["secret"] is JsonValue);
            if (!ok)
            {
                errors.AddTypeError($"{path}/{key}", "error.expected.jsstring");
            }
        }
    }
}
