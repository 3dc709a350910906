using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;

namespace Universe.Cosmos.Gui;

/// <summary>
/// The GUI's static files (<c>Gui/wwwroot/**</c>, embedded in the assembly under the logical name <c>gui/&lt;path&gt;</c>),
/// loaded once: a lookup by exact relative path, so no request path can reach anything else.
/// </summary>
internal sealed class GuiAssets
{
    private const string Prefix = "gui/";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".json"] = "application/json; charset=utf-8",
        [".png"] = "image/png",
        [".ico"] = "image/x-icon",
    };

    private readonly Dictionary<string, GuiAsset> _assets;

    public GuiAssets()
        : this(typeof(GuiAssets).Assembly)
    {
    }

    internal GuiAssets(Assembly assembly)
    {
        _assets = new(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var path = name[Prefix.Length..].Replace('\\', '/');
            _assets[path] = Create(path, buffer.ToArray());
        }
    }

    /// <summary>Every asset path (relative, such as <c>app.js</c>).</summary>
    public IEnumerable<string> Paths => _assets.Keys;

    /// <summary>The asset at exactly <paramref name="path"/> (relative, no leading slash), or null.</summary>
    public GuiAsset? Find(string path) => _assets.GetValueOrDefault(path);

    private static GuiAsset Create(string path, byte[] content)
    {
        var type = ContentTypes.GetValueOrDefault(System.IO.Path.GetExtension(path), "application/octet-stream");
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(content);
        }

        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(content))[..20] + "\"";
        return new GuiAsset(path, type, content, compressed.ToArray(), etag);
    }
}
