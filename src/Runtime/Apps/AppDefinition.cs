using System.Text.Json.Nodes;
using Universe.Runtime.Tasks;

namespace Universe.Runtime.Apps;

/// <summary>
/// One version of an app: the normalised JSON exactly as stored and returned (<see cref="Json"/>, unknown fields kept)
/// plus the parsed view the scheduler works with. Treat <see cref="Json"/> as immutable.
/// </summary>
internal sealed record AppDefinition(
    string Id,
    JsonObject Json,
    string? Cmd,
    IReadOnlyList<string>? Args,
    double Cpus,
    double Mem,
    double Disk,
    double Gpus,
    int Instances,
    string Role,
    IReadOnlyDictionary<string, string> Env,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<AppPort> Ports,
    bool RequirePorts,
    IReadOnlyList<HealthCheckSpec> HealthChecks,
    double MinimumHealthCapacity,
    double MaximumOverCapacity,
    IReadOnlyList<string> Dependencies,
    double BackoffSeconds,
    double BackoffFactor,
    double MaxLaunchDelaySeconds,
    int TaskKillGracePeriodSeconds,
    string? ContainerType,
    IReadOnlyList<FetchUri> Fetch,
    bool KillOldestFirst,
    string Version,
    string LastConfigChangeAt,
    string LastScalingAt,
    TaskContainerSpec? Container = null)
{
    /// <summary>Parses a JSON object that <see cref="AppNormalizer"/> produced (all defaults present).</summary>
    public static AppDefinition FromNormalized(JsonObject json)
    {
        var upgrade = json["upgradeStrategy"] as JsonObject;
        var versionInfo = json["versionInfo"] as JsonObject;
        var version = Str(json, "version") ?? string.Empty;
        var container = json["container"] as JsonObject;
        return new AppDefinition(
            Str(json, "id")!,
            json,
            Str(json, "cmd"),
            (json["args"] as JsonArray)?.Select(a => a?.GetValue<string>() ?? string.Empty).ToList(),
            Num(json, "cpus", 1),
            Num(json, "mem", 128),
            Num(json, "disk", 0),
            Num(json, "gpus", 0),
            (int)Num(json, "instances", 1),
            Str(json, "role") ?? "*",
            StringMap(json["env"] as JsonObject),
            StringMap(json["labels"] as JsonObject),
            ParsePorts(json),
            json["requirePorts"]?.GetValue<bool>() ?? false,
            ParseHealthChecks(json["healthChecks"] as JsonArray),
            upgrade is null ? 1 : Num(upgrade, "minimumHealthCapacity", 1),
            upgrade is null ? 1 : Num(upgrade, "maximumOverCapacity", 1),
            (json["dependencies"] as JsonArray)?.Select(d => d!.GetValue<string>()).ToList() ?? [],
            Num(json, "backoffSeconds", 1),
            Num(json, "backoffFactor", 1.15),
            Num(json, "maxLaunchDelaySeconds", 300),
            (int)Num(json, "taskKillGracePeriodSeconds", 3),
            container is null ? null : Str(container, "type") ?? "DOCKER",
            ParseFetch(json["fetch"] as JsonArray),
            Str(json, "killSelection") == "OLDEST_FIRST",
            version,
            versionInfo is null ? version : Str(versionInfo, "lastConfigChangeAt") ?? version,
            versionInfo is null ? version : Str(versionInfo, "lastScalingAt") ?? version,
            ParseContainer(json))
        {
            ServicePorts = ServicePortAssignment.Of(json),
        };
    }

    /// <summary>Marathon's <c>servicePorts</c>: the port mappings' service ports off the host network, else the port definitions' ports.</summary>
    public IReadOnlyList<int> ServicePorts { get; init; } = [];

    /// <summary>The image task spec, when the app has a container with a <c>docker.image</c>; else null (a command task).</summary>
    private static TaskContainerSpec? ParseContainer(JsonObject json)
    {
        if (json["container"] is not JsonObject container || (container["docker"] as JsonObject) is not { } docker
            || Str(docker, "image") is not { Length: > 0 } image)
        {
            return null;
        }

        var mappings = (container["portMappings"] as JsonArray)?.OfType<JsonObject>()
            .Select(m => new TaskPortMapping((int)Num(m, "containerPort", 0), (int)Num(m, "hostPort", 0), Str(m, "protocol") ?? "tcp", Str(m, "name")))
            .ToList() ?? [];
        var volumes = (container["volumes"] as JsonArray)?.OfType<JsonObject>()
            .Where(v => Str(v, "containerPath") is { Length: > 0 })
            .Select(v => new TaskVolume(Str(v, "containerPath")!, Str(v, "hostPath"), Str(v, "mode") == "RO", v["persistent"] is JsonObject))
            .ToList() ?? [];
        return new TaskContainerSpec(
            Str(container, "type") ?? "DOCKER",
            image,
            docker["forcePullImage"] is JsonValue force && force.TryGetValue<bool>(out var f) && f,
            ContainerNormalizer.NetworkMode(json),
            mappings,
            volumes);
    }

    private static string? Str(JsonObject json, string name) =>
        json[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static double Num(JsonObject json, string name, double fallback) =>
        json[name].TryGetDouble(out var d) ? d : fallback;

    private static Dictionary<string, string> StringMap(JsonObject? json)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (json is null)
        {
            return map;
        }

        foreach (var (key, value) in json)
        {
            if (value is JsonValue v && v.TryGetValue<string>(out var s))
            {
                map[key] = s;
            }
        }

        return map;
    }

    private static List<AppPort> ParsePorts(JsonObject json)
    {
        var result = new List<AppPort>();
        if (ContainerNormalizer.NetworkMode(json) != "host" && (json["container"] as JsonObject)?["portMappings"] is JsonArray mappings)
        {
            foreach (var node in mappings.OfType<JsonObject>())
            {
                result.Add(new AppPort((int)Num(node, "hostPort", 0), Str(node, "name"), Fixed: Num(node, "hostPort", 0) != 0));
            }

            return result;
        }

        if (json["portDefinitions"] is JsonArray definitions)
        {
            foreach (var node in definitions.OfType<JsonObject>())
            {
                result.Add(new AppPort((int)Num(node, "port", 0), Str(node, "name")));
            }
        }

        return result;
    }

    private static List<HealthCheckSpec> ParseHealthChecks(JsonArray? checks)
    {
        var result = new List<HealthCheckSpec>();
        foreach (var hc in checks?.OfType<JsonObject>() ?? [])
        {
            result.Add(new HealthCheckSpec(
                Str(hc, "protocol") ?? "HTTP",
                Str(hc, "path"),
                hc["portIndex"] is null ? null : (int)Num(hc, "portIndex", 0),
                hc["port"] is null ? null : (int)Num(hc, "port", 0),
                (hc["command"] as JsonObject) is { } command ? Str(command, "value") : null,
                (int)Num(hc, "gracePeriodSeconds", 300),
                (int)Num(hc, "intervalSeconds", 60),
                (int)Num(hc, "timeoutSeconds", 20),
                (int)Num(hc, "maxConsecutiveFailures", 3),
                hc["ignoreHttp1xx"]?.GetValue<bool>() ?? false));
        }

        return result;
    }

    private static List<FetchUri> ParseFetch(JsonArray? fetch)
    {
        var result = new List<FetchUri>();
        foreach (var f in fetch?.OfType<JsonObject>() ?? [])
        {
            result.Add(new FetchUri(
                Str(f, "uri") ?? string.Empty,
                f["extract"]?.GetValue<bool>() ?? true,
                f["executable"]?.GetValue<bool>() ?? false,
                f["cache"]?.GetValue<bool>() ?? false,
                Str(f, "destPath")));
        }

        return result;
    }
}
