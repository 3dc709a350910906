using System.Runtime.CompilerServices;
using Universe.Testing.Registry;

namespace Universe.Runtime.Tests.TestSupport;

/// <summary>
/// Locates <c>../shared/marathon-schema</c> (Marathon's JSON Schema, read in place as a test oracle) relative to the
/// repository root, or <c>UNIVERSE_MARATHON_SCHEMA</c> when set. Never copied into the repository.
/// </summary>
public static class MarathonSchema
{
    public static string? Directory { get; } = Find();

    /// <summary>The schema directory; throws with <see cref="MissingMessage"/> when absent (a <see cref="SchemaFactAttribute"/> test in CI).</summary>
    public static string RequiredDirectory => Directory ?? throw new InvalidOperationException(MissingMessage);

    internal static string MissingMessage =>
        "../shared/marathon-schema not found (set UNIVERSE_MARATHON_SCHEMA to its path); Marathon schema tests "
        + (RegistryTools.IsCi ? "cannot run, and CI=true does not skip them." : "skipped.");

    private static string? Find([CallerFilePath] string sourceFile = "")
    {
        var configured = Environment.GetEnvironmentVariable("UNIVERSE_MARATHON_SCHEMA");
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(Path.Combine(configured, "AppDefinition.json")) ? Path.GetFullPath(configured) : null;
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? string.Empty })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "marathon-schema");
                if (File.Exists(Path.Combine(candidate, "AppDefinition.json")))
                {
                    return candidate;
                }
            }
        }

        return null;
    }
}

/// <summary>
/// A fact that needs <c>../shared/marathon-schema</c>: skipped with a message where it is absent, except in CI
/// (<c>CI=true</c>), where it runs and fails on the missing schema.
/// </summary>
public sealed class SchemaFactAttribute : FactAttribute
{
    public SchemaFactAttribute()
    {
        if (MarathonSchema.Directory is null && !RegistryTools.IsCi)
        {
            Skip = MarathonSchema.MissingMessage;
        }
    }
}
