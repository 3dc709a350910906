using System.Text.Json;
using System.Text.Json.Nodes;
using Universe.Cli.Hosting;
using Universe.Cli.Http;
using Universe.Cli.Output;
using Universe.Cli.Wire;

namespace Universe.Cli.Commands.Repo;

/// <summary>Repository commands over Cosmos <c>package/repository/*</c>.</summary>
internal sealed class RepoRunner(CosmosClient cosmos, CliConsole console, bool verbose)
{
    public async Task<int> AddAsync(RepoAddArgs args, CancellationToken cancellationToken)
    {
        await cosmos.AddRepositoryAsync(new RepositoryAddRequest(args.Name, args.Uri, args.Index), cancellationToken);
        return ExitCodes.Success;
    }

    public async Task<int> RemoveAsync(RepoRemoveArgs args, CancellationToken cancellationToken)
    {
        foreach (var name in args.Names)
        {
            await cosmos.DeleteRepositoryAsync(new RepositoryDeleteRequest(name, null), cancellationToken);
        }

        return ExitCodes.Success;
    }

    public async Task<int> ListAsync(RepoListArgs args, CancellationToken cancellationToken)
    {
        var response = await cosmos.ListRepositoriesAsync(cancellationToken);
        if (args.Json)
        {
            console.Out.WriteLine(JsonText.Format4(response, CliJsonContext.Default.RepositoryListResponse));
            return ExitCodes.Success;
        }

        foreach (var repository in response.Repositories)
        {
            console.Out.WriteLine($"{repository.Name}: {repository.Uri}");
        }

        return ExitCodes.Success;
    }

    public async Task<int> ImportAsync(RepoImportArgs args, CancellationToken cancellationToken)
    {
        var entries = ReadImportFile(args.File);
        if (entries.Count == 0)
        {
            throw new CliException("no repositories found to import");
        }

        for (var index = 0; index < entries.Count; index++)
        {
            var name = JsonText.Str(entries[index]?["name"]);
            var uri = JsonText.Str(entries[index]?["uri"]);
            if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(uri))
            {
                console.Error.WriteLine($"Repo at index {index} is missing a name or uri, skipped");
                continue;
            }

            try
            {
                await cosmos.AddRepositoryAsync(new RepositoryAddRequest(name, uri, index), cancellationToken);
                console.Error.WriteLine($"Added repo '{name}' ({uri}) at index {index}");
            }
            catch (CliException e) when (e is not { ExitCode: ExitCodes.InvalidArguments })
            {
                ErrorReporter.Report(console.Error, e, verbose);
            }
        }

        return ExitCodes.Success;
    }

    private static JsonArray ReadImportFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"couldn't find repo file '{path}'");
        }

        try
        {
            var text = File.ReadAllText(path);
            if (string.IsNullOrWhiteSpace(text))
            {
                return [];
            }

            return (JsonNode.Parse(text) as JsonObject)?["repositories"] as JsonArray ?? [];
        }
        catch (JsonException e)
        {
            throw new CliException($"repo file '{path}' is not valid JSON: {e.Message}", e);
        }
    }
}
