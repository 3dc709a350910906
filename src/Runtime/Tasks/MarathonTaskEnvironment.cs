using System.Globalization;
using System.Text.RegularExpressions;

namespace Universe.Runtime.Tasks;

/// <summary>
/// The environment Marathon gives a task (TaskBuilder/EnvironmentHelper): ports, host, sandbox, task and app ids,
/// resources and labels, then the app's own <c>env</c> (which wins on a clash, as in Marathon).
/// </summary>
internal static partial class MarathonTaskEnvironment
{
    private const int MaxEnvironmentVarLength = 512;
    private const string LabelPrefix = "MARATHON_APP_LABEL_";
    private const int MaxLabelNameLength = MaxEnvironmentVarLength - 19; // LabelPrefix.Length

    public const string DefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public static Dictionary<string, string> Build(TaskLaunchRequest request, string sandboxPath, string? path)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = string.IsNullOrEmpty(path) ? DefaultPath : path,
        };
        AddPorts(env, request.HostPorts, request.PortNames);
        env["HOST"] = request.Hostname;
        env["MESOS_SANDBOX"] = sandboxPath;
        env["MESOS_DIRECTORY"] = sandboxPath;
        env["MESOS_TASK_ID"] = request.TaskId;
        env["MARATHON_APP_ID"] = request.AppId;
        env["MARATHON_APP_VERSION"] = request.AppVersion;
        env["MARATHON_APP_RESOURCE_CPUS"] = ScalaDouble(request.Cpus);
        env["MARATHON_APP_RESOURCE_MEM"] = ScalaDouble(request.MemMb);
        env["MARATHON_APP_RESOURCE_DISK"] = ScalaDouble(request.DiskMb);
        env["MARATHON_APP_RESOURCE_GPUS"] = "0";
        foreach (var (key, value) in LabelsToEnvironment(request.Labels))
        {
            env[key] = value;
        }

        foreach (var (key, value) in request.Env)
        {
            env[key] = value;
        }

        return env;
    }

    /// <summary><c>PORT0..n</c>, <c>PORT_&lt;port&gt;</c>, <c>PORT_&lt;NAME&gt;</c> (name upper-cased as is), <c>PORT</c>, <c>PORTS</c>.</summary>
    public static void AddPorts(Dictionary<string, string> env, IReadOnlyList<int> hostPorts, IReadOnlyList<string?> portNames)
    {
        if (hostPorts.Count == 0)
        {
            return;
        }

        for (var i = 0; i < hostPorts.Count; i++)
        {
            var port = hostPorts[i].ToString(CultureInfo.InvariantCulture);
            env["PORT" + i.ToString(CultureInfo.InvariantCulture)] = port;
            env["PORT_" + port] = port;
            if (i < portNames.Count && !string.IsNullOrEmpty(portNames[i]))
            {
                env["PORT_" + portNames[i]!.ToUpperInvariant()] = port;
            }
        }

        env["PORT"] = hostPorts[0].ToString(CultureInfo.InvariantCulture);
        env["PORTS"] = string.Join(',', hostPorts.Select(p => p.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// <c>MARATHON_APP_LABELS</c> (space-separated escaped names) and <c>MARATHON_APP_LABEL_&lt;NAME&gt;</c>. Runs of
    /// characters outside <c>[a-zA-Z0-9_]</c> become one <c>_</c>, names are upper-cased; labels with a name of
    /// 493+ characters or a value of 512+ characters are skipped, as in Marathon. Names are listed in ordinal order; when two
    /// labels escape to the same name, the ordinally last label wins.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> LabelsToEnvironment(IReadOnlyDictionary<string, string> labels)
    {
        var escaped = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in labels.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            if (key.Length < MaxLabelNameLength && value.Length < MaxEnvironmentVarLength)
            {
                escaped[InvalidNameChars().Replace(key, "_").ToUpperInvariant()] = value;
            }
        }

        List<KeyValuePair<string, string>> result = [new("MARATHON_APP_LABELS", string.Join(' ', escaped.Keys))];
        result.AddRange(escaped.Select(l => new KeyValuePair<string, string>(LabelPrefix + l.Key, l.Value)));
        return result;
    }

    /// <summary>Formats like Scala's <c>Double.toString</c> for ordinary values: <c>1.0</c>, <c>0.5</c>, <c>128.0</c>.</summary>
    public static string ScalaDouble(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }

    [GeneratedRegex("[^a-zA-Z0-9_]+", RegexOptions.CultureInvariant)]
    private static partial Regex InvalidNameChars();
}
