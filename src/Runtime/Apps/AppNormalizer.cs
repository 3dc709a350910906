using System.Text.Json;
using System.Text.Json.Nodes;

namespace Universe.Runtime.Apps;

/// <summary>
/// Marathon's two-stage handling of an app definition: type checks (400), then normalisation (defaults, absolute
/// ids, <c>ports</c> → <c>portDefinitions</c>, <c>uris</c> → <c>fetch</c>) and validation (422). Unknown fields stay.
/// </summary>
internal static class AppNormalizer
{
    /// <summary>Fields that only appear in responses; clients (Cosmos, GUIs) send them back and they are dropped.</summary>
    private static readonly string[] ResponseOnlyFields =
    [
        "tasksStaged", "tasksRunning", "tasksHealthy", "tasksUnhealthy", "deployments", "tasks", "lastTaskFailure",
        "readinessCheckResults", "tasksStats", "version", "versionInfo",
    ];

    /// <summary>Removes response-only fields from a request body (in place).</summary>
    public static void StripResponseFields(JsonObject body)
    {
        foreach (var name in ResponseOnlyFields)
        {
            body.Remove(name);
        }
    }

    /// <summary>Normalises <paramref name="app"/> in place; errors go to <paramref name="errors"/> under <paramref name="path"/>.</summary>
    public static void Normalize(JsonObject app, string baseGroup, string path, ValidationErrors errors)
    {
        StripResponseFields(app);
        AppTypeChecks.Check(app, path, errors);
        if (errors.HasTypeErrors)
        {
            return;
        }

        var rawId = (string?)app["id"];
        if (string.IsNullOrEmpty(rawId))
        {
            errors.Add(path + "/id", "error.path.missing");
            return;
        }

        var idError = PathId.Validate(rawId);
        if (idError is not null)
        {
            errors.Add(path + "/id", idError);
            return;
        }

        var id = PathId.Resolve(rawId, baseGroup);
        if (PathId.ValidateResolved(id) is { } lengthError)
        {
            errors.Add(path + "/id", lengthError);
            return;
        }

        app["id"] = id;
        if (baseGroup != "/" && PathId.Parent(id) != baseGroup && path.Length > 0)
        {
            errors.Add(path + "/id", $"identifier {id} is not child of {baseGroup}. Hint: use relative paths.");
        }

        SetDefault(app, "cpus", 1.0);
        SetDefault(app, "mem", 128.0);
        SetDefault(app, "disk", 0.0);
        SetDefault(app, "gpus", 0);
        SetDefault(app, "instances", 1);
        SetDefault(app, "executor", string.Empty);
        SetDefault(app, "backoffSeconds", 1);
        SetDefault(app, "backoffFactor", 1.15);
        SetDefault(app, "maxLaunchDelaySeconds", 300);
        SetDefault(app, "requirePorts", false);
        SetDefault(app, "killSelection", "YOUNGEST_FIRST");
        SetDefault(app, "role", "*");
        SetDefaultNode(app, "env", new JsonObject());
        SetDefaultNode(app, "labels", new JsonObject());
        SetDefaultNode(app, "constraints", new JsonArray());
        SetDefaultNode(app, "healthChecks", new JsonArray());
        SetDefaultNode(app, "upgradeStrategy", new JsonObject { ["minimumHealthCapacity"] = 1, ["maximumOverCapacity"] = 1 });
        SetDefaultNode(app, "unreachableStrategy", new JsonObject { ["inactiveAfterSeconds"] = 0, ["expungeAfterSeconds"] = 0 });
        ContainerNormalizer.Normalize(app);
        NormalizePorts(app);
        NormalizeFetch(app);
        if (app["dependencies"] is JsonArray deps)
        {
            var parent = PathId.Parent(id);
            app["dependencies"] = new JsonArray([.. deps.Select(d => (JsonNode)JsonValue.Create(PathId.Resolve((string)d!, parent)))]);
        }
        else
        {
            app["dependencies"] = new JsonArray();
        }

        AppSemanticChecks.Check(app, path, errors);
    }

    private static void SetDefault<T>(JsonObject app, string name, T value)
    {
        if (app[name] is null)
        {
            app[name] = JsonValue.Create(value);
        }
    }

    private static void SetDefaultNode(JsonObject app, string name, JsonNode value)
    {
        if (app[name] is null)
        {
            app[name] = value;
        }
    }

    private static void NormalizePorts(JsonObject app)
    {
        if (app["portDefinitions"] is JsonArray definitions)
        {
            foreach (var definition in definitions.OfType<JsonObject>())
            {
                SetDefault(definition, "port", 0);
                SetDefault(definition, "protocol", "tcp");
            }
        }
        else if (app["ports"] is JsonArray ports)
        {
            app["portDefinitions"] = new JsonArray([.. ports.Select(p => (JsonNode)new JsonObject { ["port"] = p!.TryGetDouble(out var port) ? (int)port : 0, ["protocol"] = "tcp" })]);
        }
        else if (app["container"] is JsonObject { } container && container["portMappings"] is JsonArray)
        {
            app["portDefinitions"] = new JsonArray();
        }
        else
        {
            app["portDefinitions"] = new JsonArray { new JsonObject { ["port"] = 0, ["protocol"] = "tcp", ["name"] = "default" } };
        }

        app.Remove("ports");
    }

    private static void NormalizeFetch(JsonObject app)
    {
        if (app["fetch"] is not JsonArray fetch)
        {
            fetch = [];
            app["fetch"] = fetch;
        }

        if (app["uris"] is JsonArray uris)
        {
            foreach (var uri in uris)
            {
                var text = (string)uri!;
                var extract = text.EndsWith(".tgz", StringComparison.Ordinal) || text.EndsWith(".tar.gz", StringComparison.Ordinal)
                    || text.EndsWith(".zip", StringComparison.Ordinal) || text.EndsWith(".tar", StringComparison.Ordinal)
                    || text.EndsWith(".tbz2", StringComparison.Ordinal) || text.EndsWith(".txz", StringComparison.Ordinal);
                fetch.Add(new JsonObject { ["uri"] = text, ["extract"] = extract, ["executable"] = false, ["cache"] = false });
            }

            app.Remove("uris");
        }

        foreach (var entry in fetch.OfType<JsonObject>())
        {
            SetDefault(entry, "extract", true);
            SetDefault(entry, "executable", false);
            SetDefault(entry, "cache", false);
        }
    }

    /// <summary>The JSON kind name play-json uses in its type errors.</summary>
    public static string Expected(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "error.expected.jsstring",
        JsonValueKind.Number => "error.expected.jsnumber",
        JsonValueKind.Array => "error.expected.jsarray",
        JsonValueKind.Object => "error.expected.jsobject",
        JsonValueKind.True or JsonValueKind.False => "error.expected.jsboolean",
        _ => "error.invalid",
    };
}
