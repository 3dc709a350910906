using System.Text;
using System.Text.Json.Nodes;

namespace Universe.Cosmos.Tests.Gui;

/// <summary>A universe tree with one package that has three screenshots (data: SVGs, served through the resource proxy).</summary>
internal static class GalleryPackage
{
    public const string Name = "gallery";

    public static string Write(string root)
    {
        var dir = Path.Combine(root, "repo", "packages", "G", Name, "0");
        Directory.CreateDirectory(dir);
        var package = new JsonObject
        {
            ["packagingVersion"] = "3.0",
            ["name"] = Name,
            ["version"] = "1.0.0",
            ["maintainer"] = "https://example.org/gallery",
            ["description"] = "Shows **three** screenshots.",
            ["tags"] = new JsonArray("images"),
        };
        var shots = new JsonArray();
        foreach (var colour in new[] { "#1d4ed8", "#15803d", "#b45309" })
        {
            var svg = $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"320\" height=\"200\"><rect width=\"320\" height=\"200\" fill=\"{colour}\"/></svg>";
            shots.Add("data:image/svg+xml;base64," + Convert.ToBase64String(Encoding.UTF8.GetBytes(svg)));
        }

        File.WriteAllText(Path.Combine(dir, "package.json"), package.ToJsonString());
        File.WriteAllText(Path.Combine(dir, "resource.json"), new JsonObject { ["images"] = new JsonObject { ["screenshots"] = shots } }.ToJsonString());
        File.WriteAllText(Path.Combine(dir, "marathon.json.mustache"), "{\"id\": \"/gallery\", \"cmd\": \"sleep 600\", \"cpus\": 0.01, \"mem\": 8}");
        return root;
    }
}
