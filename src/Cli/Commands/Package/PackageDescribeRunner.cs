using System.Text;
using System.Text.Json.Nodes;
using Universe.Cli.Hosting;
using Universe.Cli.Http;
using Universe.Cli.Output;
using Universe.Cli.Wire;

namespace Universe.Cli.Commands.Package;

/// <summary>Describes a package: the whole definition, its versions, its config schema, its app template or the rendered app.</summary>
internal sealed class PackageDescribeRunner(CosmosClient cosmos, CliConsole console)
{
    public async Task<int> RunAsync(PackageDescribeArgs args, CancellationToken cancellationToken)
    {
        if (args.PackageVersions)
        {
            var versions = await cosmos.ListVersionsAsync(args.Name, cancellationToken);
            var sorted = new JsonArray([.. versions.Results.Keys.Order(StringComparer.Ordinal).Select(v => JsonValue.Create(v))]);
            console.Out.WriteLine(JsonText.Format2(sorted));
            return ExitCodes.Success;
        }

        var wantsRender = args.Render || args.OptionsFile is not null || args.Overrides.Count > 0;
        if (wantsRender && !args.Config && !args.Cli)
        {
            var options = OptionsInput.Load(args.OptionsFile, args.Overrides);
            var rendered = await cosmos.RenderAsync(
                new RenderRequest(args.Name, args.PackageVersion, args.AppId, options), cancellationToken);
            console.Out.WriteLine(JsonText.Format2(rendered.MarathonJson));
            return ExitCodes.Success;
        }

        var described = await cosmos.DescribeAsync(args.Name, args.PackageVersion, cancellationToken);
        var package = described.Package;
        if (args.Config)
        {
            console.Out.WriteLine(JsonText.Format2(package["config"]?.DeepClone() ?? new JsonObject()));
        }
        else if (args.App)
        {
            var template = JsonText.Str(package["marathon"]?["v2AppMustacheTemplate"])
                ?? throw new CliException($"Package [{args.Name}] has no Marathon app template");
            console.Out.WriteLine(DecodeTemplate(template));
        }
        else if (args.Cli)
        {
            var cli = package["resource"]?["cli"] ?? package["command"]
                ?? throw new CliException($"Package [{args.Name}] has no CLI subcommand");
            console.Out.WriteLine(JsonText.Format2(cli.DeepClone()));
        }
        else
        {
            console.Out.WriteLine(JsonText.Format2(new JsonObject { ["package"] = package.DeepClone() }));
        }

        return ExitCodes.Success;
    }

    private static string DecodeTemplate(string base64)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        }
        catch (FormatException e)
        {
            throw new CliException("the package's Marathon app template is not valid base64", e);
        }
    }
}
