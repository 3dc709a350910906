using System.Text.Json;
using System.Text.Json.Nodes;
using Universe.Builder.Build;
using Universe.Cosmos.Packages;
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
    private readonly FileCheckCache _cache = new();

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
        var package = _cache.Check(files.PackageJson, schemas.Package, FindingCodes.PackageSchema, SchemaSet.PackageFile);
        package.FindingsAt(revision.Display(PackageFile), findings);
        if (package.Document is { } packageDocument)
        {
            var root = packageDocument.RootElement;
            packagingVersion = StringProperty(root, "packagingVersion") ?? packagingVersion;
            minDcos = StringProperty(root, "minDcosReleaseVersion");
            hasManager = package.HasMember("manager");
            var name = StringProperty(root, "name");
            if (name != revision.Name)
            {
                findings.Add(Finding.Error(FindingCodes.NameMismatch, revision.Display(PackageFile), $"name [{name}] differs from the package directory [{revision.Name}]", JsonLines.LineOf(files.PackageJson, "/name")));
            }
        }

        CheckedFile? command = null;
        if (files.CommandJson is { } commandBytes)
        {
            if (LooseVersion.Parse(packagingVersion) >= CommandForbiddenFrom)
            {
                findings.Add(Finding.Error(FindingCodes.CommandNotAllowed, revision.Display(CommandFile), $"command.json is not supported from packagingVersion 4.0 (this package is {packagingVersion}); use resource.json cli binaries"));
            }
            else
            {
                command = _cache.Check(commandBytes, schemas.Command, FindingCodes.CommandSchema, SchemaSet.CommandFile);
                command.FindingsAt(revision.Display(CommandFile), findings);
            }
        }

        CheckedFile? config = null;
        if (files.ConfigJson is { } configBytes)
        {
            config = _cache.Check(configBytes, schemas.Config, FindingCodes.ConfigSchema, SchemaSet.ConfigFile);
            config.FindingsAt(revision.Display(ConfigFile), findings);
        }

        CheckedFile? resource = null;
        if (files.ResourceJson is { } resourceBytes)
        {
            var (schema, schemaName) = packagingVersion == "2.0" ? (schemas.ResourceV2, SchemaSet.ResourceV2File) : (schemas.ResourceV3, SchemaSet.ResourceV3File);
            resource = _cache.Check(resourceBytes, schema, FindingCodes.ResourceSchema, schemaName);
            resource.FindingsAt(revision.Display(ResourceFile), findings);
        }

        if (resource is not null && resource.HasMember("cli") && files.CommandJson is null && LooseVersion.Parse(minDcos ?? "1.0") < OldPackageBefore)
        {
            findings.Add(Finding.Error(FindingCodes.CliWithoutCommand, revision.Display(ResourceFile), "a package with cli binaries in resource.json needs minDcosReleaseVersion 1.8 or later (or a command.json): the DC/OS 1.7 repo would lose its CLI", JsonLines.LineOf(files.ResourceJson!, "/cli")));
        }

        CheckRepoSchema(packagingVersion, minDcos, hasManager, files.PackageJson, revision, findings);
        var decoded = Decode(files, package, resource, config, command);
        var templateParses = CheckTemplate(files.MarathonTemplate, decoded?.MarathonTemplate, revision, findings);
        if (options.Warnings && decoded is not null)
        {
            _install.Check(decoded, revision, templateParses, findings);
        }

        return (findings, decoded);
    }

    /// <summary>The template parses (pystache's rule, with Cosmos's parser); <paramref name="decoded"/> is the package's own string, so rendering reuses the parse.</summary>
    private bool CheckTemplate(byte[]? bytes, string? decoded, RevisionLocation revision, List<Finding> findings)
    {
        if (bytes is null)
        {
            return false;
        }

        var check = _cache.CheckTemplate(bytes, decoded);
        if (!check.Utf8)
        {
            findings.Add(Finding.Error(FindingCodes.TemplateSyntax, revision.Display(MarathonFile), "the template is not UTF-8 text"));
            return false;
        }

        if (check.Error is { } error)
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

    /// <summary>
    /// Decodes the revision as the generator assembles it. The JSON files the checks parsed back the package's nodes
    /// when they were parsed with the decoder's own rules; otherwise the files are parsed again, as Cosmos does.
    /// </summary>
    private static PackageDefinition? Decode(PackageRevisionFiles files, CheckedFile package, CheckedFile? resource, CheckedFile? config, CheckedFile? command)
    {
        var shared = package.Shareable
            && (files.ResourceJson is null || resource is { Shareable: true })
            && (files.ConfigJson is null || config is { Shareable: true })
            && (files.CommandJson is null || command is { Shareable: true });
        try
        {
            if (!shared)
            {
                return PackageDecoder.Decode(files);
            }

            return PackageDecoder.TryDecode(
                files,
                bytes => Node((ReferenceEquals(bytes, files.PackageJson) ? package
                    : ReferenceEquals(bytes, files.ResourceJson) ? resource
                    : ReferenceEquals(bytes, files.ConfigJson) ? config
                    : command)!.Document!.RootElement),
                out var decoded,
                out _) ? decoded : null;
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return null;
        }
    }

    private static JsonNode? Node(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => JsonObject.Create(element),
        JsonValueKind.Array => JsonArray.Create(element),
        JsonValueKind.Null => null,
        _ => JsonValue.Create(element),
    };

    private static string? StringProperty(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
