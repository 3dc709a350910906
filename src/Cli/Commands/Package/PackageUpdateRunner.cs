using Universe.Cli.Hosting;
using Universe.Cli.Http;
using Universe.Cli.Output;
using Universe.Cli.Wire;

namespace Universe.Cli.Commands.Package;

/// <summary>
/// Updates an installed service through Cosmos <c>service/update</c>. <c>--dry-run</c> prints the <c>service/diff</c>
/// and applies nothing; otherwise, on a terminal, the diff is shown and confirmed (without a terminal <c>--yes</c> is
/// required, as for install). <c>--wait</c> follows the deployment; <c>--rollback-on-failure</c> lets Cosmos wait for
/// health and roll back, with the same progress display.
/// </summary>
internal sealed class PackageUpdateRunner(CosmosClient cosmos, Func<MarathonClient> marathon, CliConsole console, TimeProvider time)
{
    private const int MaxTimeoutSeconds = 3600;

    public async Task<int> RunAsync(PackageUpdateArgs args, CancellationToken cancellationToken)
    {
        if (args.DryRun && (args.Wait || args.RollbackOnFailure))
        {
            throw CliException.Usage("--dry-run cannot be combined with --wait or --rollback-on-failure");
        }

        if (args.RollbackOnFailure && args.TimeoutSeconds is < 1 or > MaxTimeoutSeconds)
        {
            throw CliException.Usage($"--timeout must be between 1 and {MaxTimeoutSeconds} seconds with --rollback-on-failure");
        }

        var options = OptionsInput.Load(args.OptionsFile, args.Overrides);
        var appId = MarathonClient.NormalizeAppId(args.AppId);
        if (args.DryRun)
        {
            return await DryRunAsync(appId, args, options, cancellationToken);
        }

        var prompter = new Prompter(console);
        if (!args.Yes)
        {
            if (!console.IsInteractive)
            {
                prompter.Confirm("Continue updating?", assumeYes: false);
            }

            var diff = await cosmos.ServiceDiffAsync(new ServiceDiffRequest(appId, args.PackageVersion, options, args.Replace), cancellationToken);
            if (!diff.PackageVersion.Allowed)
            {
                throw new CliException(diff.PackageVersion.Reason ?? $"cannot change from version {diff.PackageVersion.From} to {diff.PackageVersion.To}");
            }

            new ServiceDiffWriter(console.Out, console.IsOutputTerminal).Write(diff);
            if (!prompter.Confirm($"Continue updating [{appId}]?", assumeYes: false))
            {
                throw new CliException("couldn't get confirmation");
            }
        }

        var request = new ServiceUpdateRequest(
            appId, args.PackageVersion, options, args.Replace, args.RollbackOnFailure ? new RollbackOnFailure(args.TimeoutSeconds) : null);
        ServiceUpdateResponse response;
        if (args.RollbackOnFailure)
        {
            cosmos.AllowAtLeast(TimeSpan.FromSeconds(args.TimeoutSeconds + 120));
            var update = cosmos.UpdateServiceAsync(request, cancellationToken);
            await new DeploymentWatcher(marathon(), console, time).FollowAsync(appId, update, cancellationToken);
            response = await update;
        }
        else
        {
            response = await cosmos.UpdateServiceAsync(request, cancellationToken);
        }

        Report(appId, response, args.Json);
        if (args.Wait && !args.RollbackOnFailure)
        {
            await new DeploymentWatcher(marathon(), console, time).WaitAsync(appId, TimeSpan.FromSeconds(Math.Max(1, args.TimeoutSeconds)), cancellationToken);
        }
        else if (args.RollbackOnFailure)
        {
            console.Error.WriteLine($"Deployment of {appId} complete: every instance is healthy");
        }

        return ExitCodes.Success;
    }

    private async Task<int> DryRunAsync(string appId, PackageUpdateArgs args, System.Text.Json.Nodes.JsonObject? options, CancellationToken cancellationToken)
    {
        var diff = await cosmos.ServiceDiffAsync(new ServiceDiffRequest(appId, args.PackageVersion, options, args.Replace), cancellationToken);
        if (args.Json)
        {
            console.Out.WriteLine(JsonText.Format4(diff, CliJsonContext.Default.ServiceDiffResponse));
        }
        else
        {
            new ServiceDiffWriter(console.Out, console.IsOutputTerminal).Write(diff);
        }

        if (!diff.PackageVersion.Allowed)
        {
            throw new CliException(diff.PackageVersion.Reason ?? $"cannot change from version {diff.PackageVersion.From} to {diff.PackageVersion.To}");
        }

        return ExitCodes.Success;
    }

    private void Report(string appId, ServiceUpdateResponse response, bool json)
    {
        if (json)
        {
            console.Out.WriteLine(JsonText.Format4(response, CliJsonContext.Default.ServiceUpdateResponse));
            return;
        }

        var name = JsonText.Str(response.Package["name"]) ?? "?";
        var version = JsonText.Str(response.Package["version"]) ?? "?";
        console.Error.WriteLine($"Updated service [{appId}] of package [{name}] version [{version}]");
        console.Out.WriteLine($"Created deployment {response.MarathonDeploymentId}");
    }
}
