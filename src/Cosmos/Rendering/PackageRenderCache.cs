using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Universe.Cosmos.Rendering.Mustache;
using Universe.Cosmos.Rendering.Options;
using Universe.Cosmos.Packages;

namespace Universe.Cosmos.Rendering;

/// <summary>
/// What rendering can compute once per package instance: the defaults, their validation and their mustache scope
/// (renders without user options reuse them), and recent validation outcomes of merged options (validation is pure,
/// keyed by the merged JSON; bounded). Held weakly: it goes when the package does.
/// </summary>
internal sealed class PackageRenderCache
{
    private const int MaxValidations = 128;

    private static readonly ConditionalWeakTable<PackageDefinition, PackageRenderCache> Table = [];

    private readonly PackageDefinition _package;
    private readonly ConcurrentDictionary<string, IReadOnlyList<JsonObject>> _validations = new(StringComparer.Ordinal);
    private readonly Lazy<IReadOnlyList<JsonObject>> _defaultsErrors;
    private readonly Lazy<MustacheMap> _defaultsScope;

    private PackageRenderCache(PackageDefinition package)
    {
        _package = package;
        Defaults = OptionDefaults.Extract(package.Config);
        DefaultsUtf8 = System.Text.Encoding.UTF8.GetBytes(Defaults.ToJsonString());
        _defaultsErrors = new(() => ValidateUncached(Defaults));
        _defaultsScope = new(() => MustacheScope.Build(Defaults, package.Resource));
    }

    /// <summary>The defaults of <c>config</c>; never handed out (callers get copies).</summary>
    public JsonObject Defaults { get; }

    /// <summary>The defaults as compact UTF-8 JSON (to hand out fresh, lazily materialised copies cheaply).</summary>
    public byte[] DefaultsUtf8 { get; }

    /// <summary>Validation errors of the defaults alone (§4.2 rules for an absent config or empty defaults included).</summary>
    public IReadOnlyList<JsonObject> DefaultsErrors => _defaultsErrors.Value;

    /// <summary>The mustache scope of the defaults (read-only during rendering, so shared).</summary>
    public MustacheMap DefaultsScope => _defaultsScope.Value;

    public static PackageRenderCache For(PackageDefinition package) => Table.GetValue(package, static p => new PackageRenderCache(p));

    /// <summary>Validation errors of <paramref name="merged"/> against the package <c>config</c> (which must exist).</summary>
    public IReadOnlyList<JsonObject> Validate(JsonObject merged)
    {
        var key = merged.ToJsonString();
        if (_validations.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var errors = ValidateUncached(merged);
        if (_validations.Count >= MaxValidations)
        {
            _validations.Clear();
        }

        _validations[key] = errors;
        return errors;
    }

    private IReadOnlyList<JsonObject> ValidateUncached(JsonObject merged) =>
        _package.Config is { } config && merged.Count > 0 ? OptionsValidator.Validate(config, merged) : [];
}
