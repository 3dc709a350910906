using System.Globalization;
using System.Text.Json.Nodes;

namespace Universe.Builder.Tests.TestSupport;

/// <summary>A crafted universe tree in a temporary directory (<c>repo/packages/&lt;L&gt;/&lt;name&gt;/&lt;N&gt;/…</c>), deleted on dispose.</summary>
internal sealed class TestTree : IDisposable
{
    public TestTree()
    {
        Root = Directory.CreateTempSubdirectory("builder-tree-").FullName;
        Packages = Path.Combine(Root, "repo", "packages");
        Directory.CreateDirectory(Packages);
    }

    public string Root { get; }
    public string Packages { get; }

    /// <summary>A valid package.json for <paramref name="name"/> (packaging 3.0 unless given), with extra fields merged in.</summary>
    public static JsonObject PackageJson(string name, string version = "1.0.0", string packagingVersion = "3.0", JsonObject? extra = null)
    {
        var json = new JsonObject
        {
            ["packagingVersion"] = packagingVersion,
            ["name"] = name,
            ["version"] = version,
            ["maintainer"] = "dev@example.com",
            ["description"] = $"The {name} package",
            ["tags"] = new JsonArray("test"),
        };
        foreach (var (key, value) in extra ?? [])
        {
            json[key] = value?.DeepClone();
        }

        return json;
    }

    /// <summary>Writes a revision; a null file is not written. Returns its directory.</summary>
    public string Revision(
        string name,
        long release,
        JsonObject? package = null,
        string? config = null,
        string? resource = null,
        string? template = null,
        string? command = null,
        string? letter = null)
    {
        var directory = RevisionDirectory(name, release, letter);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "package.json"), (package ?? PackageJson(name)).ToJsonString());
        Write(directory, "config.json", config);
        Write(directory, "resource.json", resource);
        Write(directory, "marathon.json.mustache", template);
        Write(directory, "command.json", command);
        return directory;
    }

    public string RevisionDirectory(string name, long release, string? letter = null) =>
        Path.Combine(Packages, letter ?? char.ToUpperInvariant(name[0]).ToString(), name, release.ToString(CultureInfo.InvariantCulture));

    /// <summary>Writes raw bytes to a file of a revision (for encoding tests).</summary>
    public void WriteBytes(string name, long release, string file, byte[] bytes) =>
        File.WriteAllBytes(Path.Combine(RevisionDirectory(name, release), file), bytes);

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }

    private static void Write(string directory, string file, string? text)
    {
        if (text is not null)
        {
            File.WriteAllText(Path.Combine(directory, file), text);
        }
    }
}
