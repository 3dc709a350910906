using System.Text;
using System.Text.Json;
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

        string packagingVersion = "2.0";
        string? minDcos = null;
        var hasManager = false;
        using (var package = JsonFileCheck.Parse(files.PackageJson, revision.Display(PackageFile), findings))
        {
            if (package is not null)
            {
                var root = package.RootElement;
                JsonFileCheck.CheckSchema(schemas.Package, files.PackageJson, root, FindingCodes.PackageSchema, SchemaSet.PackageFile, revision.Display(PackageFile), findings);
                packagingVersion = StringProperty(root, "packagingVersion") ?? packagingVersion;
                minDcos = StringProperty(root, "minDcosReleaseVersion");
                hasManager = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("manager", out _);
                var name = StringProperty(root, "name");
                if (name != revision.Name)
                {
                    findings.Add(Finding.Error(FindingCodes.NameMismatch, revision.Display(PackageFile), $"name [{name}] differs from the package directory [{revision.Name}]", JsonLines.LineOf(files.PackageJson, "/name")));
                }
            }
        }

        if (files.CommandJson is { } command)
        {
            if (LooseVersion.Parse(packagingVersion) >= CommandForbiddenFrom)
            {
                findings.Add(Finding.Error(FindingCodes.CommandNotAllowed, revision.Display(CommandFile), $"command.json is not supported from packagingVersion 4.0 (this package is {packagingVersion}); use resource.json cli binaries"));
            }
            else
            {
                CheckFile(command, schemas.Command, FindingCodes.CommandSchema, SchemaSet.CommandFile, revision.Display(CommandFile), findings);
            }
        }

        if (files.ConfigJson is { } config)
        {
            CheckFile(config, schemas.Config, FindingCodes.ConfigSchema, SchemaSet.ConfigFile, revision.Display(ConfigFile), findings);
        }

        var hasCli = false;
        if (files.ResourceJson is { } resource)
        {
            var (schema, schemaName) = packagingVersion == "2.0" ? (schemas.ResourceV2, SchemaSet.ResourceV2File) : (schemas.ResourceV3, SchemaSet.ResourceV3File);
            hasCli = CheckFile(resource, schema, FindingCodes.ResourceSchema, schemaName, revision.Display(ResourceFile), findings, "cli");
        }

        if (hasCli && files.CommandJson is null && LooseVersion.Parse(minDcos ?? "1.0") < OldPackageBefore)
        {
            findings.Add(Finding.Error(FindingCodes.CliWithoutCommand, revision.Display(ResourceFile), "a package with cli binaries in resource.json needs minDcosReleaseVersion 1.8 or later (or a command.json): the DC/OS 1.7 repo would lose its CLI", JsonLines.LineOf(files.ResourceJson!, "/cli")));
        }

        CheckRepoSchema(packagingVersion, minDcos, hasManager, files.PackageJson, revision, findings);
        var decoded = Decode(files);
        var templateParses = CheckTemplate(files.MarathonTemplate, decoded?.MarathonTemplate, revision, findings);
        if (options.Warnings && decoded is not null)
        {
            _install.Check(decoded, revision, templateParses, findings);
        }

        return (findings, decoded);
    }

    /// <summary>Parses and schema-checks one JSON file; says whether its root object has <paramref name="key"/>.</summary>
    private static bool CheckFile(byte[] bytes, Cosmos.Schemas.Draft4Schema schema, string code, string schemaName, string path, List<Finding> findings, string? key = null)
    {
        using var document = JsonFileCheck.Parse(bytes, path, findings);
        if (document is null)
        {
            return false;
        }

        JsonFileCheck.CheckSchema(schema, bytes, document.RootElement, code, schemaName, path, findings);
        return key is not null && document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(key, out _);
    }

    /// <summary>The template parses (pystache's rule, with Cosmos's parser); <paramref name="decoded"/> is the package's own string, so rendering reuses the parse.</summary>
    private static bool CheckTemplate(byte[]? bytes, string? decoded, RevisionLocation revision, List<Finding> findings)
    {
        if (bytes is null)
        {
            return false;
        }

        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            findings.Add(Finding.Error(FindingCodes.TemplateSyntax, revision.Display(MarathonFile), "the template is not UTF-8 text"));
            return false;
        }

        if (!MustacheRenderer.TryParse(decoded ?? Encoding.UTF8.GetString(bytes), out var error))
        {
            findings.Add(Finding.Error(FindingCodes.TemplateSyntax, revision.Display(MarathonFile), error));
            return false;
        }

        return decoded is not null;
    }

    /// <summary>
    /// The generator validates each repo file against v3/v4/v5-repo-schema.json: a 5.0 package in a 1.10/1.11 file (v4
    /// allows up to 4.0), or a 5.0 package with <c>manager</c> downgraded into a 1.8/1.9 file (v3.0 has no manager), fails it.
    /// </summary>
    private void CheckRepoSchema(string packagingVersion, string? minDcos, bool hasManager, byte[] packageJson, RevisionLocation revision, List<Finding> findings)
    {
        if (packagingVersion != "5.0")
        {
            return;
        }

        var min = LooseVersion.Parse(minDcos ?? "0.0");
        foreach (var version in options.DcosVersions.Select(LooseVersion.Parse).Where(v => min <= v).Order())
        {
            var repoVersion = DcosVersions.RepoVersionFor(version);
            if (repoVersion == 4 || (repoVersion == 3 && hasManager))
            {
                findings.Add(Finding.Error(
                    FindingCodes.RepoSchema,
                    revision.Display(PackageFile),
                    $"repo-up-to-{version}.json (v{repoVersion}-repo-schema) cannot hold this 5.0 package{(repoVersion == 3 ? " with manager" : string.Empty)}; set minDcosReleaseVersion to 1.12 or later",
                    JsonLines.LineOf(packageJson, "/packagingVersion")));
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
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return null;
        }
    }

    private static string? StringProperty(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
