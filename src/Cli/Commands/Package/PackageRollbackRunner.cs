using Universe.Cli.Hosting;
using Universe.Cli.Http;
using Universe.Cli.Output;
using Universe.Cli.Wire;

namespace Universe.Cli.Commands.Package;

/// <summary>
/// Rolls a service back (Cosmos <c>service/rollback</c>): shows the target revision from <c>service/history</c>,
/// asks on a terminal (needs <c>--yes</c> otherwise), then with <c>--wait</c> follows the deployment.
/// </summary>
internal sealed class PackageRollbackRunner(CosmosClient cosmos, Func<MarathonClient> marathon, CliConsole console, TimeProvider time)
{
    public async Task<int> RunAsync(PackageRollbackArgs args, CancellationToken cancellationToken)
    {
        var appId = MarathonClient.NormalizeAppId(args.AppId);
        var history = await cosmos.ServiceHistoryAsync(appId, cancellationToken);
        var current = history.Revisions.Count > 0 ? history.Revisions[0] : null;
        var target = args.Revision is { } wanted
            ? history.Revisions.FirstOrDefault(r => r.Revision == wanted)
                ?? throw new CliException($"service [{appId}] has no revision [{wanted}]; the revisions kept are [{string.Join(", ", history.Revisions.Select(r => r.Revision))}]")
            : history.Revisions.Skip(1).FirstOrDefault()
                ?? throw new CliException($"service [{appId}] has no revision before the current one to roll back to");
        console.Error.WriteLine(
            $"Rolling [{appId}] back from revision {current?.Revision} ({current?.PackageName} {current?.PackageVersion}) "
            + $"to revision {target.Revision} ({target.PackageName} {target.PackageVersion}, options {target.Options?.ToJsonString() ?? "{}"})");
        if (!new Prompter(console).Confirm("Continue rolling back?", args.Yes))
        {
            throw new CliException("couldn't get confirmation");
        }

        var response = await cosmos.ServiceRollbackAsync(new ServiceRollbackRequest(appId, target.Revision), cancellationToken);
        if (args.Json)
        {
            console.Out.WriteLine(JsonText.Format4(response, CliJsonContext.Default.ServiceRollbackResponse));
        }
        else
        {
            console.Error.WriteLine($"Rolled [{appId}] back to revision {response.RolledBackTo} ({response.PackageName} {response.PackageVersion}) as revision {response.Revision}");
            console.Out.WriteLine($"Created deployment {response.MarathonDeploymentId}");
        }

        if (args.Wait)
        {
            await new DeploymentWatcher(marathon(), console, time).WaitAsync(appId, args.WaitTimeout, cancellationToken);
        }

        return ExitCodes.Success;
    }
}
