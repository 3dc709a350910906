using System.Text.Json.Nodes;

namespace Universe.Runtime.Apps;

/// <summary>Stage two: Marathon's <c>validAppDefinition</c> rules on a normalised app (status 422).</summary>
internal static class AppSemanticChecks
{
    private static readonly HashSet<string> Protocols = ["HTTP", "HTTPS", "TCP", "COMMAND", "MESOS_HTTP", "MESOS_HTTPS", "MESOS_TCP"];

    public static void Check(JsonObject app, string path, ValidationErrors errors)
    {
        var hasCmd = app["cmd"] is not null;
        var hasArgs = app["args"] is not null;
        if (hasCmd && hasArgs)
        {
            errors.Add(path + "/", "AppDefinition must either contain one of 'cmd' or 'args', and/or a 'container'.");
        }

        if (!hasCmd && !hasArgs && app["container"] is null)
        {
            errors.Add(path + "/", "AppDefinition must either contain one of 'cmd' or 'args', and/or a 'container'.");
        }

        if (hasCmd && ((string?)app["cmd"])!.Length == 0)
        {
            errors.Add(path + "/cmd", "must not be empty");
        }

        Min(app, "cpus", 0.001, path, errors);
        Min(app, "mem", 0, path, errors);
        Min(app, "disk", 0, path, errors);
        Min(app, "gpus", 0, path, errors);
        Min(app, "instances", 0, path, errors);
        Min(app, "backoffSeconds", 0, path, errors);
        Min(app, "backoffFactor", 1, path, errors);
        Min(app, "maxLaunchDelaySeconds", 0, path, errors);
        Min(app, "taskKillGracePeriodSeconds", 0, path, errors);

        if (app["upgradeStrategy"] is JsonObject upgrade)
        {
            Unit(upgrade, "minimumHealthCapacity", path + "/upgradeStrategy", errors);
            Unit(upgrade, "maximumOverCapacity", path + "/upgradeStrategy", errors);
        }

        var role = (string?)app["role"];
        if (role is not null && !IsValidRole(role))
        {
            errors.Add(path + "/role", "is not a valid role name");
        }

        var killSelection = (string?)app["killSelection"];
        if (killSelection is not ("YOUNGEST_FIRST" or "OLDEST_FIRST"))
        {
            errors.Add(path + "/killSelection", "must be one of YOUNGEST_FIRST, OLDEST_FIRST");
        }

        CheckPorts(app, path, errors);
        ContainerChecks.Check(app, path, errors);
        CheckHealthChecks(app, path, errors);
        var deps = app["dependencies"] as JsonArray ?? [];
        for (var i = 0; i < deps.Count; i++)
        {
            var error = PathId.Validate((string)deps[i]!);
            if (error is not null)
            {
                errors.Add($"{path}/dependencies({i})", error);
            }
        }
    }

    /// <summary>Mesos role names: <c>*</c> or <c>/</c>-separated components, none <c>.</c>, <c>..</c> or <c>*</c>, no leading <c>-</c>, no whitespace.</summary>
    public static bool IsValidRole(string role)
    {
        if (role == "*")
        {
            return true;
        }

        if (role.Length == 0 || role.StartsWith('/') || role.EndsWith('/') || role.Contains("//", StringComparison.Ordinal))
        {
            return false;
        }

        return role.Split('/').All(c => c is not ("." or ".." or "*") && !c.StartsWith('-') && !c.Any(char.IsWhiteSpace) && !c.Contains('\b', StringComparison.Ordinal));
    }

    private static void Min(JsonObject app, string name, double min, string path, ValidationErrors errors)
    {
        if (app[name].TryGetDouble(out var d) && d < min)
        {
            errors.Add($"{path}/{name}", $"got {d}, expected {min} or more");
        }
    }

    private static void Unit(JsonObject obj, string name, string path, ValidationErrors errors)
    {
        if (!obj[name].TryGetDouble(out var d))
        {
            errors.Add($"{path}/{name}", "error.expected.jsnumber");
            return;
        }

        if (d < 0)
        {
            errors.Add($"{path}/{name}", "is less than 0");
        }
        else if (d > 1)
        {
            errors.Add($"{path}/{name}", "is greater than 1");
        }
    }

    private static void CheckPorts(JsonObject app, string path, ValidationErrors errors)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var definitions = app["portDefinitions"] as JsonArray ?? [];
        for (var i = 0; i < definitions.Count; i++)
        {
            var definition = (JsonObject)definitions[i]!;
            if (definition["port"] is not JsonValue port || !AppTypeChecks.IsInteger(port) || !port.TryGetDouble(out var p) || p is < 0 or > 65535)
            {
                errors.Add($"{path}/portDefinitions({i})/port", "must be between 0 and 65535");
            }

            if ((string?)definition["name"] is { } name)
            {
                CheckPortName(name, $"{path}/portDefinitions({i})/name", errors);
                if (!names.Add(name))
                {
                    errors.Add(path + "/portDefinitions", "Port names must be unique.");
                }
            }
        }
    }

    /// <summary>Marathon's port-name rule (AppDefinition schema): <c>^[a-z][a-z0-9-]*$</c>.</summary>
    internal static void CheckPortName(string name, string path, ValidationErrors errors)
    {
        if (name.Length == 0 || name[0] is < 'a' or > 'z' || !name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
        {
            errors.Add(path, "must match \"^[a-z][a-z0-9-]*$\"");
        }
    }

    private static void CheckHealthChecks(JsonObject app, string path, ValidationErrors errors)
    {
        var portCount = ContainerNormalizer.AddressablePorts(app);
        var checks = app["healthChecks"] as JsonArray ?? [];
        for (var i = 0; i < checks.Count; i++)
        {
            var hc = (JsonObject)checks[i]!;
            var protocol = (string?)hc["protocol"] ?? "HTTP";
            if (!Protocols.Contains(protocol))
            {
                errors.Add($"{path}/healthChecks({i})/protocol", "is not a valid health check protocol");
                continue;
            }

            if (protocol == "COMMAND")
            {
                if (hc["command"] is not JsonObject)
                {
                    errors.Add($"{path}/healthChecks({i})/command", "is required for COMMAND health checks");
                }

                continue;
            }

            if (hc["port"] is null)
            {
                var index = hc["portIndex"].TryGetDouble(out var idx) ? (int)idx : 0;
                if (index < 0 || index >= portCount)
                {
                    errors.Add(path + "/", "Health check port indices must address an element of the ports array or container port mappings.");
                }
            }
        }
    }
}
