using System.Text.Json.Nodes;
using Universe.Cosmos.Packages;

namespace Universe.Cosmos.Tests.Packages;

/// <summary>Small hand-made packages and trees for tests.</summary>
internal static class TestPackages
{
    public const string Template = """{"id": "/{{service.name}}", "cpus": 1}""";

    public static JsonObject Json(string name, long release, string packagingVersion = "3.0", string? version = null) => new()
    {
        ["packagingVersion"] = packagingVersion,
        ["name"] = name,
        ["version"] = version ?? $"1.0.{release}",
        ["maintainer"] = "test@example.com",
        ["description"] = $"The {name} package",
        ["tags"] = new JsonArray("test"),
        ["someFutureField"] = new JsonObject { ["kept"] = true },
        ["releaseVersion"] = release,
        ["resource"] = new JsonObject { ["assets"] = new JsonObject { ["uris"] = new JsonObject { ["jre-tar-gz"] = "https://example.com/jre.tgz" } } },
        ["marathon"] = new JsonObject { ["v2AppMustacheTemplate"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Template)) },
        ["config"] = new JsonObject { ["type"] = "object", ["properties"] = new JsonObject() },
    };

    public static PackageDefinition Package(string name, long release, string packagingVersion = "3.0") =>
        PackageDecoder.Decode(Json(name, release, packagingVersion));

    /// <summary>Writes a universe tree (root/repo/packages) with the given name/release pairs; returns the root.</summary>
    public static string WriteTree(string root, params (string Name, long Release)[] revisions)
    {
        var packages = Path.Combine(root, "repo", "packages");
        Directory.CreateDirectory(packages);
        UniverseTreeWriter.Write(packages, revisions.Select(r => Package(r.Name, r.Release)));
        return root;
    }
}
