using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Universe.Cli.Hosting;
using Universe.Cli.Http;
using Universe.Cli.Output;

namespace Universe.Cli.Commands.Marathon;

/// <summary>Marathon app commands over the Marathon v2 API (the bundled Runtime under <c>/marathon</c> by default).</summary>
internal sealed class MarathonAppRunner(MarathonClient marathon, CliConsole console)
{
    public async Task<int> ListAsync(AppListArgs args, CancellationToken cancellationToken)
    {
        var apps = (await marathon.ListAppsAsync(cancellationToken)).OfType<JsonObject>()
            .OrderBy(a => JsonText.Str(a["id"]), StringComparer.Ordinal)
            .ToList();
        if (args.Json)
        {
            console.Out.WriteLine(JsonText.Format4(new JsonArray([.. apps.Select(a => a.DeepClone())])));
            return ExitCodes.Success;
        }

        if (args.Quiet)
        {
            foreach (var app in apps)
            {
                console.Out.WriteLine(JsonText.Str(app["id"]));
            }

            return ExitCodes.Success;
        }

        var deployments = await marathon.ListDeploymentsAsync(cancellationToken);
        var queue = await marathon.ListQueueAsync(cancellationToken);
        var table = new TableWriter(["ID", "MEM", "CPUS", "TASKS", "HEALTH", "DEPLOYMENT", "WAITING", "CONTAINER", "CMD", "ROLE"])
        {
            LeftAlignAll = true,
        };
        foreach (var app in apps)
        {
            table.AddRow(AppRow.Cells(app, deployments, queue));
        }

        table.Write(console.Out);
        return ExitCodes.Success;
    }

    public async Task<int> ShowAsync(AppShowArgs args, CancellationToken cancellationToken)
    {
        var appId = MarathonClient.NormalizeAppId(args.AppId);
        var app = await marathon.GetAppAsync(appId, cancellationToken)
            ?? throw new CliException($"app '{appId}' does not exist");
        console.Out.WriteLine(JsonText.Format2(app));
        return ExitCodes.Success;
    }

    public async Task<int> AddAsync(AppAddArgs args, CancellationToken cancellationToken)
    {
        var app = await ReadAppAsync(args.Resource, cancellationToken);
        var id = JsonText.Str(app["id"]);
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new CliException("application ID must be set");
        }

        id = MarathonClient.NormalizeAppId(id);
        if (await marathon.GetAppAsync(id, cancellationToken) is not null)
        {
            throw new CliException($"Application '{id}' already exists");
        }

        var created = await marathon.CreateAppAsync(app, cancellationToken);
        var deployment = (created["deployments"] as JsonArray)?.OfType<JsonObject>().Select(d => JsonText.Str(d["id"])).FirstOrDefault();
        console.Out.WriteLine($"Created deployment {deployment}");
        return ExitCodes.Success;
    }

    public async Task<int> RemoveAsync(AppRemoveArgs args, CancellationToken cancellationToken)
    {
        var appId = MarathonClient.NormalizeAppId(args.AppId);
        try
        {
            await marathon.DeleteAppAsync(appId, args.Force, cancellationToken);
        }
        catch (MarathonApiException e) when (e.Status == HttpStatusCode.NotFound)
        {
            throw new CliException($"app '{appId}' does not exist", e);
        }

        return ExitCodes.Success;
    }

    private async Task<JsonObject> ReadAppAsync(string? resource, CancellationToken cancellationToken)
    {
        string text;
        if (resource is null)
        {
            text = await console.In.ReadToEndAsync(cancellationToken);
        }
        else if (!File.Exists(resource))
        {
            throw new CliException($"can't read from resource: {resource}. Please check that it exists");
        }
        else
        {
            text = await File.ReadAllTextAsync(resource, cancellationToken);
        }

        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw new CliException("error loading JSON: the app definition must be a JSON object");
        }
        catch (JsonException e)
        {
            throw new CliException($"error loading JSON: {e.Message}", e);
        }
    }
}
