using System.Text;
using System.Text.Json.Nodes;

namespace Universe.Cosmos.Packages;

/// <summary>
/// One package revision, packagingVersion 2.0 to 5.0, held in its repository-JSON form (the shape of one
/// entry of a v3/v4/v5 repo index: <c>marathon.v2AppMustacheTemplate</c> base64, <c>config</c>,
/// <c>resource</c>, <c>command</c> inline). Every field, known or not, is kept in <see cref="Json"/> so a
/// package round-trips; the typed properties read from it.
/// </summary>
public sealed class PackageDefinition
{
    private readonly string? _template;

    public PackageDefinition(JsonObject json)
        : this(json, null, decodeTemplate: true)
    {
    }

    /// <summary>With the template text known (<paramref name="decodeTemplate"/> false): the caller built <paramref name="json"/> with its base64.</summary>
    internal PackageDefinition(JsonObject json, string? template, bool decodeTemplate)
    {
        ArgumentNullException.ThrowIfNull(json);
        Json = json;
        PackagingVersion = String("packagingVersion") ?? "2.0";
        Name = String("name") ?? throw new FormatException("Package has no 'name'.");
        Version = String("version") ?? throw new FormatException($"Package [{Name}] has no 'version'.");
        ReleaseVersion = json["releaseVersion"] is JsonValue rv && rv.TryGetValue(out long r) ? r : 0;
        if (!decodeTemplate)
        {
            _template = template;
            return;
        }

        var encoded = json["marathon"]?["v2AppMustacheTemplate"]?.GetValue<string>();
        _template = encoded is null ? null : Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
    }

    /// <summary>The whole definition, unknown fields included. Treat as read-only.</summary>
    public JsonObject Json { get; }

    public string PackagingVersion { get; }
    public string Name { get; }
    public string Version { get; }
    public long ReleaseVersion { get; }

    public string Maintainer => String("maintainer") ?? string.Empty;
    public string Description => String("description") ?? string.Empty;
    public IReadOnlyList<string> Tags => Strings("tags");
    public bool Selected => Bool("selected");
    public bool Framework => Bool("framework");
    public string? Scm => String("scm");
    public string? Website => String("website");
    public string? PreInstallNotes => String("preInstallNotes");
    public string? PostInstallNotes => String("postInstallNotes");
    public string? PostUninstallNotes => String("postUninstallNotes");
    public string? MinDcosReleaseVersion => String("minDcosReleaseVersion");
    public JsonArray? Licenses => Json["licenses"] as JsonArray;

    /// <summary><c>config.json</c>: the options JSON Schema, or null.</summary>
    public JsonObject? Config => Json["config"] as JsonObject;

    /// <summary><c>resource.json</c>, or null.</summary>
    public JsonObject? Resource => Json["resource"] as JsonObject;

    /// <summary><c>command.json</c> (2.0/3.0 only), or null.</summary>
    public JsonObject? Command => Json["command"] as JsonObject;

    /// <summary>The decoded <c>marathon.json.mustache</c>, or null for a package without a Marathon app.</summary>
    public string? MarathonTemplate => _template;

    /// <summary>4.0+: versions this one may be upgraded from (<c>"*"</c> = any); null when absent.</summary>
    public IReadOnlyList<string>? UpgradesFrom => Json["upgradesFrom"] is JsonArray ? Strings("upgradesFrom") : null;

    /// <summary>4.0+: versions this one may be downgraded to (<c>"*"</c> = any); null when absent.</summary>
    public IReadOnlyList<string>? DowngradesTo => Json["downgradesTo"] is JsonArray ? Strings("downgradesTo") : null;

    /// <summary>5.0: <c>manager.packageName</c>, or null.</summary>
    public string? ManagerPackageName => Json["manager"]?["packageName"]?.GetValue<string>();

    public PackageCoordinate Coordinate => new(Name, Version);

    public override string ToString() => $"{Name}@{Version} (release {ReleaseVersion})";

    private string? String(string key) =>
        Json[key] is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    private bool Bool(string key) =>
        Json[key] is JsonValue v && v.TryGetValue(out bool b) && b;

    private string[] Strings(string key) =>
        Json[key] is JsonArray a
            ? [.. a.Select(n => n is JsonValue v && v.TryGetValue(out string? s) ? s : n?.ToJsonString() ?? string.Empty)]
            : [];
}
