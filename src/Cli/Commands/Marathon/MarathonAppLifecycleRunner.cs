using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Universe.Cli.Hosting;
using Universe.Cli.Http;
using Universe.Cli.Output;

namespace Universe.Cli.Commands.Marathon;

/// <summary><c>dcos marathon app start|stop|restart|update|kill</c> over the Marathon v2 API, with the original CLI's messages.</summary>
internal sealed class MarathonAppLifecycleRunner(MarathonClient marathon, CliConsole console)
{
    public async Task<int> StartAsync(AppStartArgs args, CancellationToken cancellationToken)
    {
        if (args.Instances <= 0)
        {
            throw CliException.Usage($"the number of instances must be positive: {args.Instances}");
        }

        var (appId, app) = await ExistingAsync(args.AppId, cancellationToken);
        var running = Instances(app);
        if (running > 0)
        {
            throw new CliException($"application '{appId}' already started: {running} instances");
        }

        return Deployed(await marathon.UpdateAppAsync(appId, new JsonObject { ["instances"] = args.Instances }, args.Force, cancellationToken));
    }

    public async Task<int> StopAsync(AppStopArgs args, CancellationToken cancellationToken)
    {
        var (appId, app) = await ExistingAsync(args.AppId, cancellationToken);
        if (Instances(app) == 0)
        {
            throw new CliException($"application '{appId}' already stopped: 0 instances");
        }

        return Deployed(await marathon.UpdateAppAsync(appId, new JsonObject { ["instances"] = 0 }, args.Force, cancellationToken));
    }

    public async Task<int> RestartAsync(AppRestartArgs args, CancellationToken cancellationToken)
    {
        var appId = MarathonClient.NormalizeAppId(args.AppId);
        return Deployed(await NotFoundAsMessageAsync(appId, () => marathon.RestartAppAsync(appId, args.Force, cancellationToken)));
    }

    public async Task<int> UpdateAsync(AppUpdateArgs args, CancellationToken cancellationToken)
    {
        var appId = MarathonClient.NormalizeAppId(args.AppId);
        var changes = args.Properties.Count == 0 ? await ReadStdinAsync(cancellationToken) : Properties(args.Properties);
        if (changes["id"] is { } id && MarathonClient.NormalizeAppId(JsonText.Str(id) ?? string.Empty) != appId)
        {
            throw new CliException($"the app id cannot be changed: '{JsonText.Str(id)}' is not '{appId}'");
        }

        return Deployed(await NotFoundAsMessageAsync(appId, () => marathon.UpdateAppAsync(appId, changes, args.Force, cancellationToken)));
    }

    public async Task<int> KillAsync(AppKillArgs args, CancellationToken cancellationToken)
    {
        var appId = MarathonClient.NormalizeAppId(args.AppId);
        var answer = await NotFoundAsMessageAsync(appId, () => marathon.KillTasksAsync(appId, args.Scale, args.Host, cancellationToken));
        if (JsonText.Str(answer["deploymentId"]) is { } deployment)
        {
            return Deployed(deployment);
        }

        var tasks = (answer["tasks"] as JsonArray)?.OfType<JsonObject>().Select(t => JsonText.Str(t["id"])).OfType<string>().ToList() ?? [];
        console.Out.WriteLine($"Killed tasks: {tasks.Count}");
        foreach (var task in tasks)
        {
            console.Error.WriteLine(task);
        }

        return ExitCodes.Success;
    }

    /// <summary><c>key=value</c> pairs as a partial app; a value that parses as JSON is taken as JSON, anything else as a string.</summary>
    internal static JsonObject Properties(IReadOnlyList<string> properties)
    {
        var changes = new JsonObject();
        foreach (var property in properties)
        {
            var equals = property.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw CliException.Usage($"invalid property '{property}': expected <key>=<value>, e.g. cpus=2.0");
            }

            var key = property[..equals].Trim();
            var text = property[(equals + 1)..];
            JsonNode? value;
            try
            {
                value = JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                value = JsonValue.Create(text);
            }

            changes[key] = value;
        }

        return changes;
    }

    private async Task<JsonObject> ReadStdinAsync(CancellationToken cancellationToken)
    {
        if (console.IsInteractive)
        {
            throw CliException.Usage("give properties as <key>=<value> or pipe a JSON object on standard input");
        }

        var text = await console.In.ReadToEndAsync(cancellationToken);
        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw new CliException("error loading JSON: the app properties must be a JSON object");
        }
        catch (JsonException e)
        {
            throw new CliException($"error loading JSON: {e.Message}", e);
        }
    }

    private async Task<(string AppId, JsonObject App)> ExistingAsync(string appId, CancellationToken cancellationToken)
    {
        var normalized = MarathonClient.NormalizeAppId(appId);
        var app = await marathon.GetAppAsync(normalized, cancellationToken) ?? throw new CliException($"app '{normalized}' does not exist");
        return (normalized, app);
    }

    private static async Task<T> NotFoundAsMessageAsync<T>(string appId, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (MarathonApiException e) when (e.Status == HttpStatusCode.NotFound)
        {
            throw new CliException($"app '{appId}' does not exist", e);
        }
    }

    private int Deployed(string? deploymentId)
    {
        console.Out.WriteLine($"Created deployment {deploymentId}");
        return ExitCodes.Success;
    }

    private static int Instances(JsonObject app) => (int)(JsonText.Number(app["instances"]) ?? 0);
}
