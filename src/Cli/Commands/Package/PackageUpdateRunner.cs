using Universe.Cli.Hosting;
using Universe.Cli.Http;
using Universe.Cli.Output;
using Universe.Cli.Wire;

namespace Universe.Cli.Commands.Package;

/// <summary>Updates an installed service through Cosmos <c>service/update</c>.</summary>
internal sealed class PackageUpdateRunner(CosmosClient cosmos, CliConsole console)
{
    public async Task<int> RunAsync(PackageUpdateArgs args, CancellationToken cancellationToken)
    {
        var options = OptionsInput.Load(args.OptionsFile, args.Overrides);
        var appId = MarathonClient.NormalizeAppId(args.AppId);
        var response = await cosmos.UpdateServiceAsync(
            new ServiceUpdateRequest(appId, args.PackageVersion, options, args.Replace), cancellationToken);
        if (args.Json)
        {
            console.Out.WriteLine(JsonText.Format4(response, CliJsonContext.Default.ServiceUpdateResponse));
            return ExitCodes.Success;
        }

        var name = JsonText.Str(response.Package["name"]) ?? "?";
        var version = JsonText.Str(response.Package["version"]) ?? "?";
        console.Error.WriteLine($"Updated service [{appId}] of package [{name}] version [{version}]");
        console.Out.WriteLine($"Created deployment {response.MarathonDeploymentId}");
        return ExitCodes.Success;
    }
}
