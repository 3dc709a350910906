using System.Text.Json.Nodes;

namespace Universe.Cosmos.Tests.Gui;

/// <summary>A universe tree with one package whose every text field tries to run script in the GUI.</summary>
internal static class HostilePackage
{
    public const string Name = "hostile";

    /// <summary>Markdown and HTML attacks; each sets window.__pwned if it ever runs.</summary>
    public const string Description =
        "# Hostile <script>window.__pwned = 'heading'</script>\n\n" +
        "Plain <script>window.__pwned = 'script'</script> text and <img src=x onerror=\"window.__pwned='img'\"> " +
        "and <a href=\"javascript:window.__pwned='a'\" onclick=\"window.__pwned='click'\">raw html link</a>.\n\n" +
        "- [js link](javascript:window.__pwned='md') and [JS upper](JAVASCRIPT:alert(1)) and [spaced]( javascript:alert(1))\n" +
        "- [data link](data:text/html,<script>alert(1)</script>) and [vb](vbscript:msgbox(1)) and [rel](/package/uninstall)\n" +
        "- ![image](javascript:alert(1)) and <svg onload=\"window.__pwned='svg'\"></svg>\n" +
        "- [safe link](https://example.org/docs) and <mailto:ops@example.org>\n\n" +
        "<iframe src=\"javascript:window.__pwned='iframe'\"></iframe><style>body{display:none}</style>\n\n" +
        "```\n<script>window.__pwned = 'code'</script>\n```\n";

    /// <summary>Writes the tree under <paramref name="root"/>; returns the root (a repository URI for Cosmos).</summary>
    public static string Write(string root)
    {
        var dir = Path.Combine(root, "repo", "packages", "H", Name, "0");
        Directory.CreateDirectory(dir);
        var package = new JsonObject
        {
            ["packagingVersion"] = "4.0",
            ["name"] = Name,
            ["version"] = "6.6.6",
            ["maintainer"] = "javascript:window.__pwned='maintainer'",
            ["website"] = "javascript:window.__pwned='website'",
            ["scm"] = "data:text/html,<script>window.__pwned='scm'</script>",
            ["description"] = Description,
            ["preInstallNotes"] = "<script>window.__pwned='pre'</script> [pre](javascript:window.__pwned='pre-link')",
            ["postInstallNotes"] = "<img src=x onerror=\"window.__pwned='post'\">",
            ["tags"] = new JsonArray("<script>window.__pwned='tag'</script>", "onmouseover=alert(1)"),
            ["selected"] = false,
            ["licenses"] = new JsonArray(new JsonObject { ["name"] = "<b onmouseover=\"window.__pwned='licence'\">evil</b>", ["url"] = "javascript:window.__pwned='licence-url'" }),
        };
        var config = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["service"] = new JsonObject
                {
                    ["type"] = "object",
                    ["description"] = "<img src=x onerror=\"window.__pwned='section'\">",
                    ["properties"] = new JsonObject
                    {
                        ["name"] = new JsonObject
                        {
                            ["type"] = "string",
                            ["title"] = "<script>window.__pwned='title'</script>",
                            ["description"] = "<img src=x onerror=\"window.__pwned='field'\">",
                            ["default"] = "\"><script>window.__pwned='default'</script>",
                        },
                        ["mode"] = new JsonObject
                        {
                            ["type"] = "string",
                            ["enum"] = new JsonArray("<script>window.__pwned='enum'</script>", "safe"),
                            ["default"] = "safe",
                        },
                    },
                },
            },
        };
        var resource = new JsonObject
        {
            ["images"] = new JsonObject
            {
                ["icon-medium"] = "javascript:window.__pwned='icon'",
                ["screenshots"] = new JsonArray("javascript:window.__pwned='shot'", "/gui/app.js"),
            },
        };
        File.WriteAllText(Path.Combine(dir, "package.json"), package.ToJsonString());
        File.WriteAllText(Path.Combine(dir, "config.json"), config.ToJsonString());
        File.WriteAllText(Path.Combine(dir, "resource.json"), resource.ToJsonString());
        File.WriteAllText(Path.Combine(dir, "marathon.json.mustache"), "{\"id\": \"/hostile\", \"cmd\": \"sleep 600\", \"cpus\": 0.01, \"mem\": 8, \"env\": {\"NAME\": \"{{service.name}}\"}}");
        return root;
    }
}
