using System.Text.Json;
using System.Text.Json.Nodes;
using Universe.Cli.Hosting;

namespace Universe.Cli.Commands.Package;

/// <summary>
/// The options sent to Cosmos: the JSON object of <c>--options file</c>, then every <c>--option key.path=value</c>
/// applied over it (Helm-style; the value is parsed as JSON when it is valid JSON, else taken as a string).
/// </summary>
internal static class OptionsInput
{
    /// <summary>The merged options, or null when neither a file nor an override was given.</summary>
    public static JsonObject? Load(string? optionsFile, IReadOnlyList<string> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        JsonObject? options = null;
        if (!string.IsNullOrEmpty(optionsFile))
        {
            options = ReadFile(optionsFile);
        }

        foreach (var item in overrides)
        {
            options ??= [];
            Apply(options, item);
        }

        return options;
    }

    /// <summary>Sets <c>key.path=value</c> in <paramref name="options"/>, creating intermediate objects.</summary>
    public static void Apply(JsonObject options, string assignment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(assignment);
        var equals = assignment.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw CliException.Usage($"--option expects key.path=value, got '{assignment}'");
        }

        var keys = assignment[..equals].Split('.');
        if (keys.Any(string.IsNullOrWhiteSpace))
        {
            throw CliException.Usage($"--option has an empty key in '{assignment}'");
        }

        var target = options;
        foreach (var key in keys[..^1])
        {
            if (target[key] is not JsonObject child)
            {
                child = [];
                target[key] = child;
            }

            target = child;
        }

        target[keys[^1]] = ParseValue(assignment[(equals + 1)..]);
    }

    /// <summary>The value as JSON when it parses as JSON, else as a string.</summary>
    public static JsonNode? ParseValue(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }

    private static JsonObject ReadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"couldn't find options file '{path}'");
        }

        try
        {
            using var stream = File.OpenRead(path);
            return JsonNode.Parse(stream) as JsonObject
                ?? throw new CliException($"options file '{path}' must contain a JSON object");
        }
        catch (JsonException e)
        {
            throw new CliException($"options file '{path}' is not valid JSON: {e.Message}", e);
        }
    }
}
