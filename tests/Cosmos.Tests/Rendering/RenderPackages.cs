using System.Text;
using System.Text.Json.Nodes;
using Universe.Cosmos.Packages;

namespace Universe.Cosmos.Tests.Rendering;

/// <summary>Packages for rendering tests, built as repository JSON (template base64-encoded like the Universe build).</summary>
internal static class RenderPackages
{
    public const string SourceUri = "https://universe.example.com/repo";

    /// <summary>§4.6: the template of helloworld 0.1.0.</summary>
    public const string HelloworldTemplate = """
        { "id": "{{name}}", "cpus": 1.0, "mem": 512, "instances": 1,
          "cmd": "python3 -m http.server {{port}}",
          "container": {"type": "DOCKER", "docker": {"image": "python:3", "network": "HOST"}} }
        """;

    /// <summary>§4.6: defaults name=helloworld, port=8080, additionalProperties false.</summary>
    public const string HelloworldConfig = """
        {"$schema":"http://json-schema.org/schema#","type":"object",
         "properties":{"name":{"type":"string","default":"helloworld"},"port":{"type":"integer","default":8080}},
         "additionalProperties":false}
        """;

    public static PackageDefinition Helloworld() =>
        Package("helloworld", "0.1.0", HelloworldTemplate, HelloworldConfig, packagingVersion: "2.0");

    public static PackageDefinition Package(
        string name,
        string version,
        string? template,
        string? config = null,
        string? resource = null,
        string packagingVersion = "3.0",
        string extra = "{}")
    {
        var json = JsonNode.Parse(extra)!.AsObject();
        json["packagingVersion"] = packagingVersion;
        json["name"] = name;
        json["version"] = version;
        json["releaseVersion"] = 0;
        json["maintainer"] = "support@example.com";
        json["description"] = $"The {name} package";
        json["tags"] = new JsonArray("example");
        if (template is not null)
        {
            json["marathon"] = new JsonObject { ["v2AppMustacheTemplate"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(template)) };
        }

        if (config is not null)
        {
            json["config"] = JsonNode.Parse(config);
        }

        if (resource is not null)
        {
            json["resource"] = JsonNode.Parse(resource);
        }

        return new PackageDefinition(json);
    }

    public static JsonObject Object(string json) => JsonNode.Parse(json)!.AsObject();
}
