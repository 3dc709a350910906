using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json.Nodes;
using Stubble.Core;
using Stubble.Core.Builders;
using Stubble.Core.Exceptions;
using Universe.Cosmos.Errors;
using Stubble.Core.Settings;

namespace Universe.Cosmos.Rendering.Mustache;

/// <summary>
/// Stubble configured for Cosmos's mustache.java semantics (cosmos-api.md §4.4): no HTML escaping, Java
/// truthiness (null, false, "" and empty lists falsey; 0, "false" and {} truthy), no reflection on scope
/// objects, no partial loader (a template with a partial is refused with MustachePartialNotAllowed and never touches the file system).
/// </summary>
public static class MustacheRenderer
{
    private static readonly StubbleVisitorRenderer Stubble = new StubbleBuilder()
        .Configure(settings => settings
            .SetIgnoreCaseOnKeyLookup(false)
            .AddValueGetter(typeof(MustacheMap), static (value, key, _) => ((MustacheMap)value).TryGetValue(key, out var found) ? found : null)
            .AddValueGetter(typeof(object), static (_, _, _) => null)
            .AddTruthyCheck<string>(static value => value.Length > 0)
            .AddTruthyCheck<MustacheScalar>(static value => value.IsTruthy)
            .AddTruthyCheck<MustacheNull>(static _ => false)
            .AddTruthyCheck<MustacheMap>(static _ => true)
            .AddTruthyCheck<MustacheList>(static value => value.Count > 0))
        .Build();

    private static readonly RenderSettings Settings = new()
    {
        SkipHtmlEncoding = true,
        ThrowOnDataMiss = false,
        SkipRecursiveLookup = false,
        CultureInfo = CultureInfo.InvariantCulture,
    };

    /// <summary>
    /// Whether <paramref name="template"/> parses as Cosmos parses it (and is cached compiled for rendering); otherwise the
    /// parser's reason (an unclosed or mismatched section, a partial).
    /// </summary>
    public static bool TryParse(string template, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(template);
        try
        {
            CompiledTemplate.For(template);
            error = null;
            return true;
        }
        catch (StubbleException e)
        {
            error = e.Message;
            return false;
        }
        catch (CosmosException e)
        {
            error = e.Message;
            return false;
        }
    }

    /// <summary>
    /// The verdict of <see cref="TryParse"/> without compiling: a template of the plain shape (<see cref="MustacheShape"/>,
    /// nearly all of them) is known to parse after one linear scan; any other goes to the parser (for its reason).
    /// </summary>
    public static bool TryCheckSyntax(string template, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (MustacheShape.IsPlain(template))
        {
            error = null;
            return true;
        }

        return TryParse(template, out error);
    }

    /// <summary>Renders <paramref name="template"/> with a scope from <see cref="MustacheScope"/> (the compiled fast path).</summary>
    internal static string Render(string template, MustacheMap scope) => CompiledTemplate.For(template).Render(scope);

    /// <summary>The same with Stubble's own visitor renderer (the reference the fast path is tested against).</summary>
    internal static string RenderWithStubbleVisitor(string template, MustacheMap scope) => Stubble.Render(template, scope, Settings);

    /// <summary>Renders <paramref name="template"/> with the scope <c>options ⊕ {"resource": resource}</c> (§4.2) and the <c>asJson</c> helper.</summary>
    public static string Render(string template, JsonObject options, JsonObject? resource) =>
        Render(template, MustacheScope.Build(options, resource));
}
