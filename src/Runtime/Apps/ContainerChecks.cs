using System.Text.Json.Nodes;

namespace Universe.Runtime.Apps;

/// <summary>Marathon's validation of <c>container</c> and <c>networks</c> on a normalised app (422).</summary>
internal static class ContainerChecks
{
    private static readonly HashSet<string> Protocols = ["tcp", "udp", "udp,tcp", "tcp,udp"];
    private static readonly HashSet<string> NetworkModes = ["host", "container/bridge", "container"];

    public static void Check(JsonObject app, string path, ValidationErrors errors)
    {
        var networks = app["networks"] as JsonArray ?? [];
        for (var i = 0; i < networks.Count; i++)
        {
            if (networks[i] is not JsonObject network || ContainerNormalizer.Text(network["mode"]) is not { } mode || !NetworkModes.Contains(mode))
            {
                errors.Add($"{path}/networks({i})/mode", "must be one of host, container/bridge, container");
            }
        }

        if (app["container"] is not JsonObject container)
        {
            return;
        }

        var type = container["type"] is JsonValue t && t.TryGetValue<string>(out var s) ? s : null;
        if (type is not ("DOCKER" or "MESOS"))
        {
            errors.Add(path + "/container/type", "must be one of DOCKER, MESOS");
        }

        var image = (container["docker"] as JsonObject)?["image"] is JsonValue imageValue && imageValue.TryGetValue<string>(out var text) ? text : null;
        if (type == "DOCKER" && string.IsNullOrWhiteSpace(image))
        {
            errors.Add(path + "/container/docker/image", "must not be empty");
        }

        if (type == "DOCKER" && app["gpus"].TryGetDouble(out var gpus) && gpus > 0)
        {
            errors.Add(path + "/", "GPU resources only work with the Mesos containerizer");
        }

        CheckPortMappings(app, container, path, errors);
        CheckVolumes(container, path, errors);
    }

    private static void CheckPortMappings(JsonObject app, JsonObject container, string path, ValidationErrors errors)
    {
        if (container["portMappings"] is null)
        {
            return;
        }

        if (container["portMappings"] is not JsonArray mappings)
        {
            errors.Add(path + "/container/portMappings", "error.expected.jsarray");
            return;
        }

        if (mappings.Count > 0 && ContainerNormalizer.NetworkMode(app) == "host")
        {
            errors.Add(path + "/container/portMappings", "Port mappings are only allowed with container/bridge or container networking");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < mappings.Count; i++)
        {
            var where = $"{path}/container/portMappings({i})";
            if (mappings[i] is not JsonObject mapping)
            {
                errors.Add(where, "error.expected.jsobject");
                continue;
            }

            foreach (var field in (string[])["containerPort", "hostPort", "servicePort"])
            {
                if (mapping[field] is not JsonValue port || !AppTypeChecks.IsInteger(port) || !port.TryGetDouble(out var p) || p is < 0 or > 65535)
                {
                    errors.Add($"{where}/{field}", "must be between 0 and 65535");
                }
            }

            if (ContainerNormalizer.Text(mapping["protocol"]) is not { } protocol || !Protocols.Contains(protocol))
            {
                errors.Add(where + "/protocol", "must be one of tcp, udp, udp,tcp");
            }

            if (ContainerNormalizer.Text(mapping["name"]) is { } name)
            {
                AppSemanticChecks.CheckPortName(name, where + "/name", errors);
                if (!names.Add(name))
                {
                    errors.Add(path + "/container/portMappings", "Port names must be unique.");
                }
            }
        }
    }

    private static void CheckVolumes(JsonObject container, string path, ValidationErrors errors)
    {
        var volumes = container["volumes"] as JsonArray ?? [];
        for (var i = 0; i < volumes.Count; i++)
        {
            var where = $"{path}/container/volumes({i})";
            if (volumes[i] is not JsonObject volume)
            {
                errors.Add(where, "error.expected.jsobject");
                continue;
            }

            var containerPath = ContainerNormalizer.Text(volume["containerPath"]);
            if (string.IsNullOrEmpty(containerPath) || HasDotDot(containerPath) || containerPath.Contains('\0', StringComparison.Ordinal))
            {
                errors.Add(where + "/containerPath", "must be a non-empty path without '..'");
            }

            if (ContainerNormalizer.Text(volume["mode"]) is not ("RO" or "RW"))
            {
                errors.Add(where + "/mode", "must be one of RO, RW");
            }

            var persistent = volume["persistent"] is JsonObject;
            var hostPath = volume["hostPath"] is JsonValue h && h.TryGetValue<string>(out var hp) ? hp : null;
            if (persistent)
            {
                if (containerPath is not null && (containerPath.Contains('/', StringComparison.Ordinal) || containerPath is "." or ".."))
                {
                    errors.Add(where + "/containerPath", "persistent volumes need a relative containerPath without '/' (it lives in the sandbox)");
                }
            }
            else if (volume["external"] is null && (string.IsNullOrEmpty(hostPath) || HasDotDot(hostPath) || hostPath.Contains('\0', StringComparison.Ordinal)))
            {
                errors.Add(where + "/hostPath", "must be a non-empty path without '..'");
            }
        }
    }

    private static bool HasDotDot(string path) => path.Split('/').Contains("..");
}
