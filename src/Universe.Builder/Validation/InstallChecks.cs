using System.Text.Json.Nodes;
using System.Text.Json;
using Universe.Builder.Build;
using Universe.Cosmos.Errors;
using Universe.Cosmos.Packages;
using Universe.Cosmos.Rendering;
using Universe.Cosmos.Rendering.Errors;
using static Universe.Cosmos.Packages.PackageRevisionFiles;

namespace Universe.Builder.Validation;

/// <summary>
/// The warnings: what an install of the revision with its defaults does in Cosmos (the same renderer and option
/// validator as <c>/package/render</c>), whether the app fits Marathon's AppDefinition schema, its resource URLs,
/// CLI hashes and image pins, and whether any DC/OS version built can see it.
/// </summary>
internal sealed class InstallChecks(ValidationOptions options)
{
    /// <summary>The <c>DCOS_PACKAGE_SOURCE</c> label value used while rendering (the label is not checked).</summary>
    private const string SourceUri = "file:///universe";

    private readonly PackageRenderer _renderer = new();
    private readonly LooseVersion _newest = options.DcosVersions.Select(LooseVersion.Parse).Max()!;

    public void Check(PackageDefinition package, RevisionLocation revision, bool templateParses, List<Finding> findings)
    {
        if (templateParses)
        {
            Render(package, revision, findings);
        }
        else if (package.MarathonTemplate is null && package.Config is not null)
        {
            ResolveDefaults(package, revision, findings);
        }

        if (package.Resource is { } resource)
        {
            ResourceChecks.Check(resource, revision.Display(ResourceFile), findings);
        }

        if (package.Command is { } command)
        {
            ResourceChecks.CheckPip(command, revision.Display(CommandFile), findings);
        }

        var minDcos = RepoEntry.MinDcosOf(package);
        if (minDcos > _newest)
        {
            findings.Add(Finding.Warning(
                FindingCodes.HiddenEverywhere,
                revision.Display(PackageFile),
                $"minDcosReleaseVersion {minDcos} is above every DC/OS version built (newest {_newest}): no repo-up-to file and no DC/OS cluster will list this revision, only universe.json"));
        }
    }

    private void Render(PackageDefinition package, RevisionLocation revision, List<Finding> findings)
    {
        JsonObject? app;
        try
        {
            app = _renderer.Render(package, null, null, SourceUri).MarathonJson;
        }
        catch (CosmosException e)
        {
            findings.Add(RenderFinding(e.Error, revision));
            return;
        }

        if (app is null)
        {
            return;
        }

        var errors = SchemaSet.MarathonApp.Validate(JsonSerializer.SerializeToElement(app), maxErrors: 6);
        if (errors.Count > 0)
        {
            var details = string.Join("; ", errors.Take(5)) + (errors.Count > 5 ? "; …" : string.Empty);
            findings.Add(Finding.Warning(FindingCodes.MarathonSchema, revision.Display(MarathonFile), $"the app rendered with the defaults fails Marathon's AppDefinition schema: {details}"));
        }
    }

    private void ResolveDefaults(PackageDefinition package, RevisionLocation revision, List<Finding> findings)
    {
        try
        {
            _renderer.ResolveOptions(package, null);
        }
        catch (CosmosException e)
        {
            findings.Add(RenderFinding(e.Error, revision));
        }
    }

    private static Finding RenderFinding(CosmosError error, RevisionLocation revision) => error switch
    {
        JsonSchemaMismatch mismatch => Finding.Warning(
            FindingCodes.DefaultsInvalid,
            revision.Display(ConfigFile),
            $"{error.Type}: {error.Message}: the defaults fail the package's own config schema, so installing without options fails: {RenderErrors.Describe(mismatch)}"),
        JsonParsingError parsing => Finding.Warning(
            FindingCodes.TemplateNotJson,
            revision.Display(MarathonFile),
            $"{error.Type}: {error.Message}: the template rendered with the defaults is not JSON: {parsing.ParsingErrorMessage}"),
        MarathonTemplateMustBeJsonObject => Finding.Warning(
            FindingCodes.AppNotObject,
            revision.Display(MarathonFile),
            $"{error.Type}: {error.Message}"),
        _ => Finding.Warning(FindingCodes.RenderFailed, revision.Display(MarathonFile), $"{error.Type}: {error.Message}"),
    };
}
