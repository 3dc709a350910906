using System.Text.Json.Nodes;

namespace Universe.Builder.Validation;

/// <summary>Warnings about <c>resource.json</c> and <c>command.json</c>: URLs, CLI hashes, image pins.</summary>
internal static class ResourceChecks
{
    public static void Check(JsonObject resource, string path, List<Finding> findings)
    {
        if (resource["images"] is JsonObject images)
        {
            foreach (var (key, value) in images)
            {
                if (value is JsonArray screenshots)
                {
                    for (var i = 0; i < screenshots.Count; i++)
                    {
                        CheckUrl(screenshots[i], $"/images/{key}/{i}", path, findings);
                    }
                }
                else
                {
                    CheckUrl(value, $"/images/{key}", path, findings);
                }
            }
        }

        if (resource["assets"]?["uris"] is JsonObject uris)
        {
            foreach (var (key, value) in uris)
            {
                CheckUrl(value, $"/assets/uris/{key}", path, findings);
            }
        }

        if (resource["assets"]?["container"]?["docker"] is JsonObject docker)
        {
            foreach (var (key, value) in docker)
            {
                if (value is JsonValue v && v.TryGetValue(out string? image) && IsFloating(image))
                {
                    findings.Add(Finding.Warning(FindingCodes.FloatingImageTag, path, $"/assets/container/docker/{key}: image {image} is not pinned (tag latest or no tag, no digest); a reinstall may run different code"));
                }
            }
        }

        if (resource["cli"]?["binaries"] is JsonObject binaries)
        {
            foreach (var (os, archs) in binaries)
            {
                foreach (var (arch, binary) in archs as JsonObject ?? [])
                {
                    var pointer = $"/cli/binaries/{os}/{arch}";
                    CheckUrl(binary?["url"], pointer + "/url", path, findings);
                    if (!HasSha256(binary?["contentHash"]))
                    {
                        findings.Add(Finding.Warning(FindingCodes.CliNoSha256, path, $"{pointer}: the CLI binary has no sha256 contentHash, so the download cannot be verified"));
                    }
                }
            }
        }
    }

    public static void CheckPip(JsonObject command, string path, List<Finding> findings)
    {
        if (command["pip"] is not JsonArray pip)
        {
            return;
        }

        for (var i = 0; i < pip.Count; i++)
        {
            if (pip[i] is JsonValue v && v.TryGetValue(out string? line) && line.Contains("://", StringComparison.Ordinal))
            {
                CheckUrl(pip[i], $"/pip/{i}", path, findings);
            }
        }
    }

    /// <summary>Whether an image reference floats: no digest and the tag is <c>latest</c> or absent.</summary>
    public static bool IsFloating(string image)
    {
        if (image.Contains('@', StringComparison.Ordinal))
        {
            return false;
        }

        var lastSlash = image.LastIndexOf('/');
        var colon = image.IndexOf(':', lastSlash + 1);
        return colon < 0 || image[(colon + 1)..] == "latest";
    }

    private static void CheckUrl(JsonNode? node, string pointer, string path, List<Finding> findings)
    {
        if (node is not JsonValue value || !value.TryGetValue(out string? url) || url.StartsWith("data:", StringComparison.OrdinalIgnoreCase))
        {
            // A data: URL carries its content inline (the bundled universe's icons and CLI): nothing to fetch or tamper with.
            return;
        }

        var shown = url.Length > 120 ? url[..120] + "…" : url;

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
        {
            findings.Add(Finding.Warning(FindingCodes.UrlMalformed, path, $"{pointer}: \"{shown}\" is not an absolute http(s) URL"));
        }
        else if (uri.AbsolutePath is "" or "/" && string.IsNullOrEmpty(uri.Query))
        {
            findings.Add(Finding.Warning(FindingCodes.UrlMalformed, path, $"{pointer}: \"{shown}\" names a host, not a file"));
        }
        else if (uri.Scheme == "http")
        {
            findings.Add(Finding.Warning(FindingCodes.UrlInsecure, path, $"{pointer}: \"{shown}\" uses plain http; the download can be tampered with on the way"));
        }
    }

    private static bool HasSha256(JsonNode? contentHash) =>
        contentHash is JsonArray hashes && hashes.Any(h =>
            h?["algo"] is JsonValue algo && algo.TryGetValue(out string? a) && a == "sha256"
            && h["value"] is JsonValue value && value.TryGetValue(out string? v) && v.Length == 64 && v.All(char.IsAsciiHexDigit));
}
