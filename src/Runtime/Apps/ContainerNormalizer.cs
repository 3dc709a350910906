using System.Text.Json.Nodes;

namespace Universe.Runtime.Apps;

/// <summary>
/// Marathon's container normalisation: <c>container.docker.portMappings</c> → <c>container.portMappings</c>,
/// <c>container.docker.network</c> (BRIDGE/HOST/USER) → <c>networks</c>, defaults of port mappings
/// (<c>containerPort</c>/<c>hostPort</c>/<c>servicePort</c> 0, <c>protocol</c> tcp), <c>container.type</c> DOCKER,
/// <c>docker.forcePullImage</c> false, volumes' <c>mode</c>. Apps with a container get <c>networks</c> (host by default,
/// container/bridge when port mappings are given without a network).
/// </summary>
internal static class ContainerNormalizer
{
    public static void Normalize(JsonObject app)
    {
        if (app["container"] is not JsonObject container)
        {
            return;
        }

        container["type"] ??= "DOCKER";
        var docker = container["docker"] as JsonObject;
        if (docker is not null)
        {
            docker["forcePullImage"] ??= false;
            docker["privileged"] ??= false;
            docker["parameters"] ??= new JsonArray();
            if (docker["portMappings"] is JsonArray legacy)
            {
                docker.Remove("portMappings");
                container["portMappings"] ??= legacy;
            }

            if (Text(docker["network"]) is { } network)
            {
                docker.Remove("network");
                app["networks"] ??= network.ToUpperInvariant() switch
                {
                    "BRIDGE" => new JsonArray(new JsonObject { ["mode"] = "container/bridge" }),
                    "USER" => new JsonArray(new JsonObject { ["mode"] = "container" }),
                    _ => new JsonArray(new JsonObject { ["mode"] = "host" }),
                };
            }
        }

        if (container["portMappings"] is JsonArray mappings)
        {
            foreach (var mapping in mappings.OfType<JsonObject>())
            {
                mapping["containerPort"] ??= 0;
                mapping["hostPort"] ??= 0;
                mapping["servicePort"] ??= 0;
                mapping["protocol"] ??= "tcp";
            }
        }

        app["networks"] ??= container["portMappings"] is JsonArray { Count: > 0 }
            ? new JsonArray(new JsonObject { ["mode"] = "container/bridge" })
            : new JsonArray(new JsonObject { ["mode"] = "host" });
        foreach (var network in (app["networks"] as JsonArray ?? []).OfType<JsonObject>())
        {
            network["mode"] ??= "container";
        }

        container["volumes"] ??= new JsonArray();
        foreach (var volume in (container["volumes"] as JsonArray ?? []).OfType<JsonObject>())
        {
            volume["mode"] ??= "RW";
        }
    }

    /// <summary>The node's string value, or null when it is missing or not a string (never throws).</summary>
    public static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>The network mode of the app: <c>host</c>, <c>container/bridge</c> or <c>container</c>.</summary>
    public static string NetworkMode(JsonObject app) =>
        (app["networks"] as JsonArray)?.OfType<JsonObject>().Select(n => Text(n["mode"])).FirstOrDefault() ?? "host";

    /// <summary>How many ports a health check's <c>portIndex</c> can address: port mappings off the host network, else port definitions.</summary>
    public static int AddressablePorts(JsonObject app) =>
        NetworkMode(app) != "host" && (app["container"] as JsonObject)?["portMappings"] is JsonArray mappings
            ? mappings.Count
            : (app["portDefinitions"] as JsonArray)?.Count ?? 0;
}
