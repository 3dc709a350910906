using System.Runtime.CompilerServices;

namespace Universe.Runtime.Tests.TestSupport;

/// <summary>Locates <c>../shared/marathon-schema</c> (Marathon's JSON Schema, read in place as a test oracle).</summary>
public static class MarathonSchema
{
    public static string? Directory { get; } = Find();

    private static string? Find([CallerFilePath] string sourceFile = "")
    {
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

/// <summary>A fact that needs <c>../shared/marathon-schema</c>; skipped when it is not there.</summary>
public sealed class SchemaFactAttribute : FactAttribute
{
    public SchemaFactAttribute()
    {
        if (MarathonSchema.Directory is null)
        {
            Skip = "../shared/marathon-schema not found";
        }
    }
}
