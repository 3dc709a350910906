namespace Universe.Builder.Validation;

/// <summary>
/// The stable codes of <c>universe validate</c>. Errors are exactly the upstream CI's rules (validate_packages.py and what
/// makes gen_universe.py fail); warnings are what upstream never checked and users hit at install time.
/// </summary>
public static class FindingCodes
{
    // Errors: the tree layout.
    public const string LetterDirectory = "letter-directory";
    public const string PackageDirectory = "package-directory";
    public const string LetterMismatch = "letter-mismatch";
    public const string RevisionDirectory = "revision-directory";
    public const string MissingPackageJson = "missing-package-json";
    public const string NameMismatch = "name-mismatch";

    // Errors: the files.
    public const string NonAscii = "non-ascii";
    public const string InvalidJson = "invalid-json";
    public const string UnicodeEscape = "unicode-escape";
    public const string PackageSchema = "package-schema";
    public const string ResourceSchema = "resource-schema";
    public const string ConfigSchema = "config-schema";
    public const string CommandSchema = "command-schema";
    public const string CommandNotAllowed = "command-not-allowed";
    public const string TemplateSyntax = "template-syntax";
    public const string CliWithoutCommand = "cli-without-command";
    public const string RepoSchema = "repo-schema";

    // Warnings.
    public const string DefaultsInvalid = "defaults-invalid";
    public const string TemplateNotJson = "template-not-json";
    public const string AppNotObject = "app-not-object";
    public const string RenderFailed = "render-failed";
    public const string MarathonSchema = "marathon-schema";
    public const string UrlMalformed = "url-malformed";
    public const string UrlInsecure = "url-insecure";
    public const string CliNoSha256 = "cli-no-sha256";
    public const string FloatingImageTag = "floating-image-tag";
    public const string DuplicateVersion = "duplicate-version";
    public const string HiddenEverywhere = "hidden-everywhere";

    /// <summary>Every code with its severity and a one-line description (for <c>--help</c>-style listings and docs).</summary>
    public static IReadOnlyList<(string Code, FindingSeverity Severity, string Description)> All { get; } =
    [
        (LetterDirectory, FindingSeverity.Error, "an entry of repo/packages is not a single capital letter directory"),
        (PackageDirectory, FindingSeverity.Error, "a package directory name does not match ^[a-z][a-z0-9-]*[a-z0-9]$ (or is a file)"),
        (LetterMismatch, FindingSeverity.Error, "a package sits under a letter other than the first letter of its name"),
        (RevisionDirectory, FindingSeverity.Error, "a revision directory name is not a non-negative integer (or is a file)"),
        (MissingPackageJson, FindingSeverity.Error, "a revision has no package.json"),
        (NameMismatch, FindingSeverity.Error, "package.json name differs from the package directory"),
        (NonAscii, FindingSeverity.Error, "a JSON file has a non-ASCII byte"),
        (InvalidJson, FindingSeverity.Error, "a JSON file does not parse"),
        (UnicodeEscape, FindingSeverity.Error, "a JSON file holds a \\uXXXX escape or a character that needs one (DCOS-42473)"),
        (PackageSchema, FindingSeverity.Error, "package.json fails the tree's package-schema.json"),
        (ResourceSchema, FindingSeverity.Error, "resource.json fails v2-resource-schema.json (packaging 2.0) or v3-resource-schema.json"),
        (ConfigSchema, FindingSeverity.Error, "config.json is not a valid draft-4 JSON Schema (config-schema.json)"),
        (CommandSchema, FindingSeverity.Error, "command.json fails command-schema.json"),
        (CommandNotAllowed, FindingSeverity.Error, "command.json in a packagingVersion 4.0 or later package"),
        (TemplateSyntax, FindingSeverity.Error, "marathon.json.mustache does not parse"),
        (CliWithoutCommand, FindingSeverity.Error, "resource.json has cli, minDcosReleaseVersion is below 1.8, and there is no command.json"),
        (RepoSchema, FindingSeverity.Error, "the entry would fail the generator's repo schema check (a 5.0 package with manager shown below DC/OS 1.10)"),
        (DefaultsInvalid, FindingSeverity.Warning, "the config defaults fail the package's own schema (Cosmos JsonSchemaMismatch on render/install without options)"),
        (TemplateNotJson, FindingSeverity.Warning, "the template rendered with the defaults is not JSON (Cosmos JsonParsingError)"),
        (AppNotObject, FindingSeverity.Warning, "the template rendered with the defaults is not a JSON object (Cosmos MarathonTemplateMustBeJsonObject$)"),
        (RenderFailed, FindingSeverity.Warning, "rendering with the defaults fails with another Cosmos error"),
        (MarathonSchema, FindingSeverity.Warning, "the rendered app fails Marathon's AppDefinition schema"),
        (UrlMalformed, FindingSeverity.Warning, "an asset, image, CLI or pip URL is not an absolute http(s) URL of a file"),
        (UrlInsecure, FindingSeverity.Warning, "an asset, image, CLI or pip URL uses plain http"),
        (CliNoSha256, FindingSeverity.Warning, "a CLI binary has no sha256 content hash"),
        (FloatingImageTag, FindingSeverity.Warning, "a Docker image is not pinned (tag latest, or no tag and no digest)"),
        (DuplicateVersion, FindingSeverity.Warning, "the same package version appears in more than one revision"),
        (HiddenEverywhere, FindingSeverity.Warning, "minDcosReleaseVersion is above every DC/OS version built, so only universe.json has the revision"),
    ];
}
