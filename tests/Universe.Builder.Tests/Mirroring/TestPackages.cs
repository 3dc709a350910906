using System.Text.Json.Nodes;
using Universe.Cosmos.Packages;

namespace Universe.Builder.Tests.Mirroring;

internal static class TestPackages
{
    public static PackageDefinition Package(string name, string version, long release, string? minDcos = null, bool selected = false, JsonObject? resource = null)
    {
        var json = new JsonObject
        {
            ["packagingVersion"] = "4.0",
            ["name"] = name,
            ["version"] = version,
            ["releaseVersion"] = release,
            ["maintainer"] = "test@example.com",
            ["description"] = name,
            ["tags"] = new JsonArray("test"),
            ["selected"] = selected,
            ["marathon"] = new JsonObject { ["v2AppMustacheTemplate"] = Convert.ToBase64String("{\"id\":\"/x\"}"u8.ToArray()) },
        };
        if (minDcos is not null)
        {
            json["minDcosReleaseVersion"] = minDcos;
        }

        if (resource is not null)
        {
            json["resource"] = resource;
        }

        return PackageDecoder.Decode(json);
    }
}
