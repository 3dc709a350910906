using System.Text;
using Newtonsoft.Json.Linq;
using Universe.Builder.Build;
using Universe.Cosmos.Packages;
using Universe.Cosmos.Rendering.Mustache;
using static Universe.Cosmos.Packages.PackageRevisionFiles;

namespace Universe.Builder.Validation;

/// <summary>
/// Upstream CI's rules for one revision (validate_packages.py, plus what makes gen_universe.py fail), then, when asked,
/// the install-time warnings. Thread-safe; one instance per validation run.
/// </summary>
internal sealed class RevisionValidator(SchemaSet schemas, ValidationOptions options)
{
    private static readonly LooseVersion CommandForbiddenFrom = LooseVersion.Parse("4.0");
    private static readonly LooseVersion OldPackageBefore = LooseVersion.Parse("1.8");

    private readonly InstallChecks _install = new(options);

    /// <summary>The findings of <paramref name="revision"/> and, when it decodes, the package (for the build and the warnings).</summary>
    public (List<Finding> Findings, PackageDefinition? Package) Validate(RevisionLocation revision)
    {
        var findings = new List<Finding>();
        PackageRevisionFiles files;
        try
        {
            files = UniverseTreeReader.ReadFiles(revision.Directory, revision.ReleaseVersion);
        }
        catch (FormatException)
        {
            findings.Add(Finding.Error(FindingCodes.MissingPackageJson, revision.Display(PackageFile), "the revision has no package.json"));
            return (findings, null);
        }

        var package = JsonFileCheck.Parse(files.PackageJson, revision.Display(PackageFile), findings);
        var packagingVersion = package?["packagingVersion"] is JValue { Type: JTokenType.String } pv ? (string)pv! : "2.0";
        if (package is not null)
        {
            JsonFileCheck.CheckSchema(schemas.Package, package, FindingCodes.PackageSchema, SchemaSet.PackageFile, revision.Display(PackageFile), findings);
            var name = package["name"] is JValue { Type: JTokenType.String } n ? (string)n! : null;
            if (name != revision.Name)
            {
                findings.Add(Finding.Error(FindingCodes.NameMismatch, revision.Display(PackageFile), $"name [{name}] differs from the package directory [{revision.Name}]", LineOf(package["name"])));
            }
        }

        if (files.CommandJson is { } commandBytes)
        {
            if (LooseVersion.Parse(packagingVersion) >= CommandForbiddenFrom)
            {
                findings.Add(Finding.Error(FindingCodes.CommandNotAllowed, revision.Display(CommandFile), $"command.json is not supported from packagingVersion 4.0 (this package is {packagingVersion}); use resource.json cli binaries"));
            }
            else if (JsonFileCheck.Parse(commandBytes, revision.Display(CommandFile), findings) is { } command)
            {
                JsonFileCheck.CheckSchema(schemas.Command, command, FindingCodes.CommandSchema, SchemaSet.CommandFile, revision.Display(CommandFile), findings);
            }
        }

        if (files.ConfigJson is { } configBytes && JsonFileCheck.Parse(configBytes, revision.Display(ConfigFile), findings) is { } config)
        {
            JsonFileCheck.CheckSchema(schemas.Config, config, FindingCodes.ConfigSchema, SchemaSet.ConfigFile, revision.Display(ConfigFile), findings);
        }

        var templateParses = CheckTemplate(files.MarathonTemplate, revision, findings);
        JToken? resource = null;
        if (files.ResourceJson is { } resourceBytes && (resource = JsonFileCheck.Parse(resourceBytes, revision.Display(ResourceFile), findings)) is not null)
        {
            var (schema, schemaName) = packagingVersion == "2.0" ? (schemas.ResourceV2, SchemaSet.ResourceV2File) : (schemas.ResourceV3, SchemaSet.ResourceV3File);
            JsonFileCheck.CheckSchema(schema, resource, FindingCodes.ResourceSchema, schemaName, revision.Display(ResourceFile), findings);
        }

        var minDcos = package?["minDcosReleaseVersion"] is JValue { Type: JTokenType.String } md ? (string)md! : null;
        if (LooseVersion.Parse(minDcos ?? "1.0") < OldPackageBefore && resource is JObject r && r.ContainsKey("cli") && files.CommandJson is null)
        {
            findings.Add(Finding.Error(FindingCodes.CliWithoutCommand, revision.Display(ResourceFile), "a package with cli binaries in resource.json needs minDcosReleaseVersion 1.8 or later (or a command.json): the DC/OS 1.7 repo would lose its CLI", LineOf(r["cli"])));
        }

        CheckRepoSchema(package, packagingVersion, minDcos, revision, findings);
        var decoded = Decode(files);
        if (options.Warnings && decoded is not null)
        {
            _install.Check(decoded, revision, templateParses, findings);
        }

        return (findings, decoded);
    }

    private static bool CheckTemplate(byte[]? bytes, RevisionLocation revision, List<Finding> findings)
    {
        if (bytes is null)
        {
            return false;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            findings.Add(Finding.Error(FindingCodes.TemplateSyntax, revision.Display(MarathonFile), "the template is not UTF-8 text"));
            return false;
        }

        if (!MustacheRenderer.TryParse(text, out var error))
        {
            findings.Add(Finding.Error(FindingCodes.TemplateSyntax, revision.Display(MarathonFile), error));
            return false;
        }

        return true;
    }

    /// <summary>
    /// The generator validates each repo file against v3/v4/v5-repo-schema.json: a 5.0 package in a 1.10/1.11 file (v4
    /// allows up to 4.0), or a 5.0 package with <c>manager</c> downgraded into a 1.8/1.9 file (v3.0 has no manager), fails it.
    /// </summary>
    private void CheckRepoSchema(JToken? package, string packagingVersion, string? minDcos, RevisionLocation revision, List<Finding> findings)
    {
        if (package is not JObject json || packagingVersion != "5.0")
        {
            return;
        }

        var min = LooseVersion.Parse(minDcos ?? "0.0");
        foreach (var version in options.DcosVersions.Select(LooseVersion.Parse).Where(v => min <= v))
        {
            var repoVersion = DcosVersions.RepoVersionFor(version);
            if (repoVersion == 4 || (repoVersion == 3 && json.ContainsKey("manager")))
            {
                findings.Add(Finding.Error(
                    FindingCodes.RepoSchema,
                    revision.Display(PackageFile),
                    $"repo-up-to-{version}.json (v{repoVersion}-repo-schema) cannot hold this 5.0 package{(repoVersion == 3 ? " with manager" : string.Empty)}; set minDcosReleaseVersion to 1.12 or later",
                    LineOf(json["packagingVersion"])));
                return;
            }
        }
    }

    private static PackageDefinition? Decode(PackageRevisionFiles files)
    {
        try
        {
            return PackageDecoder.TryDecode(files.ToJson(), out var package, out _) ? package : null;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException)
        {
            return null;
        }
    }

    private static int? LineOf(JToken? token) =>
        token is Newtonsoft.Json.IJsonLineInfo info && info.HasLineInfo() ? info.LineNumber : null;
}
