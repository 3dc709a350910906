using Universe.Cli.Hosting;
using Universe.Cli.Http;
using Universe.Cli.Output;
using Universe.Cli.Wire;

namespace Universe.Cli.Commands.Package;

/// <summary>Renders a package's Marathon app with options (Cosmos <c>package/render</c>, no side effects).</summary>
internal sealed class PackageRenderRunner(CosmosClient cosmos, CliConsole console)
{
    public async Task<int> RunAsync(PackageRenderArgs args, CancellationToken cancellationToken)
    {
        var options = OptionsInput.Load(args.OptionsFile, args.Overrides);
        var response = await cosmos.RenderAsync(new RenderRequest(args.Name, args.PackageVersion, args.AppId, options), cancellationToken);
        console.Out.WriteLine(JsonText.Format2(response.MarathonJson));
        return ExitCodes.Success;
    }
}
