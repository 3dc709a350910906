using System.Net;
using System.Text.Json.Nodes;
using Universe.Cosmos.Tests.Services;

namespace Universe.Cosmos.Tests.EndToEnd;

/// <summary>The real processes behind a web app's tasks: the port serving a text, the python processes, whether they live.</summary>
internal static class WebTasks
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>Waits for a running task of the app whose port serves <paramref name="greeting"/>; returns that port.</summary>
    public static async Task<string> ServedPortAsync(ServicesHost host, HttpClient web, string greeting, string phase, string appId = "web-server") =>
        await Poll.UntilAsync(phase, Deadline, async () =>
        {
            var (status, body) = await host.MarathonGetAsync($"v2/apps/{appId}/tasks");
            if (status != HttpStatusCode.OK)
            {
                return null;
            }

            foreach (var task in body!["tasks"]!.AsArray().OfType<JsonObject>())
            {
                if (task["state"]?.GetValue<string>() != "TASK_RUNNING" || task["ports"] is not JsonArray { Count: > 0 } ports)
                {
                    continue;
                }

                var port = ports[0]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture);
                var text = await web.GetStringAsync(new Uri($"http://127.0.0.1:{port}/"));
                if (text.Trim() == greeting)
                {
                    return port;
                }
            }

            return null;
        });

    /// <summary>The pids of python http.server processes started for <paramref name="port"/> (from /proc cmdlines).</summary>
    public static List<int> ListeningPids(string port)
    {
        var pids = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var args = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0');
                if (args.Contains("http.server") && args.Contains(port))
                {
                    pids.Add(pid);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return pids;
    }

    public static bool Alive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state != "Z";
        }
        catch (IOException)
        {
            return false;
        }
    }
}
