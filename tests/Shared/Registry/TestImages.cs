using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Universe.Testing.Registry;

/// <summary>
/// An OCI layout of real test images built with umoci from Debian's busybox-static, pushed with skopeo:
/// <list type="bullet">
/// <item><c>web</c>: <c>busybox httpd -f -p 80 -h /www</c> serving <c>/www/index.html</c> (<see cref="WebIndexHtml"/>); env
/// <c>GREETING=hello</c>, working dir <c>/www</c>, exposed port 80/tcp.</item>
/// <item><c>hello</c>: cmd <c>cat /etc/hello.txt</c> (<see cref="HelloText"/>), env <c>HELLO=world</c>, user <c>1000:1000</c>, working dir <c>/tmp</c>.</item>
/// <item><c>web</c> and <c>hello</c> share their first layer (busybox and its applet links: <see cref="BaseLayerDigest"/>).</item>
/// <item><c>multi</c>: an OCI index of <c>web</c> for linux/amd64 and a linux/arm64 variant (same layers, its own config).</item>
/// </list>
/// Build once per test process with <see cref="SharedAsync"/> (about a second), then push to any <see cref="RegistryServer"/>.
/// </summary>
public sealed class TestImages
{
    public const string Web = "web";
    public const string Hello = "hello";
    public const string Multi = "multi";
    public const string WebArm64 = "web-arm64";
    public const string WebIndexHtml = "hello from busybox httpd\n";
    public const string HelloText = "hello from a umoci image\n";

    private static readonly string[] Applets = ["sh", "httpd", "cat", "echo", "ls", "sleep", "id", "env", "pwd", "touch", "mkdir", "rm", "wget", "true", "false", "test", "ps", "kill", "hostname", "printenv", "head", "tail", "grep", "dd", "stat", "whoami"];
    private static readonly SemaphoreSlim SharedLock = new(1, 1);
    private static TestImages? _shared;

    private TestImages(string directory)
    {
        Directory = directory;
    }

    /// <summary>The directory holding the layout (<see cref="LayoutDirectory"/>) and scratch space.</summary>
    public string Directory { get; }

    /// <summary>The OCI layout (<c>oci:&lt;this&gt;:&lt;tag&gt;</c> for skopeo).</summary>
    public string LayoutDirectory => Path.Combine(Directory, "layout");

    /// <summary>Digest of the busybox layer shared by <c>web</c> and <c>hello</c>.</summary>
    public string BaseLayerDigest { get; private set; } = string.Empty;

    /// <summary>Manifest digest per tag in the layout (the index digest for <c>multi</c>).</summary>
    public IReadOnlyDictionary<string, string> Digests { get; private set; } = new Dictionary<string, string>();

    /// <summary>The images of this test process, built on first use and removed at process exit.</summary>
    public static async Task<TestImages> SharedAsync()
    {
        await SharedLock.WaitAsync();
        try
        {
            if (_shared is null)
            {
                var dir = Path.Combine(Path.GetTempPath(), "universe-images-" + Guid.NewGuid().ToString("N")[..12]);
                _shared = await BuildAsync(dir);
                AppDomain.CurrentDomain.ProcessExit += (_, _) => RegistryTools.DeleteDirectory(dir);
            }

            return _shared;
        }
        finally
        {
            SharedLock.Release();
        }
    }

    /// <summary>Builds the images into <paramref name="directory"/> (created).</summary>
    public static async Task<TestImages> BuildAsync(string directory)
    {
        var missing = RegistryTools.MissingReason("umoci", RegistryTools.Busybox);
        if (missing is not null)
        {
            throw new InvalidOperationException(missing);
        }

        System.IO.Directory.CreateDirectory(directory);
        var images = new TestImages(directory);
        await images.BuildCoreAsync();
        return images;
    }

    /// <summary>The layout reference skopeo understands, e.g. <c>oci:/tmp/…/layout:web</c>.</summary>
    public string OciReference(string tag) => $"oci:{LayoutDirectory}:{tag}";

    /// <summary>
    /// Pushes <paramref name="tag"/> to <paramref name="registry"/> as <c>&lt;repository&gt;:&lt;targetTag&gt;</c> with
    /// <c>skopeo copy</c> (with <c>--all</c> for the index, with the registry's credentials when it has some). Returns
    /// the image reference (<c>127.0.0.1:PORT/repository:tag</c>).
    /// </summary>
    public async Task<string> PushAsync(RegistryServer registry, string tag, string repository, string? targetTag = null, bool dockerFormat = false)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var reference = $"{registry.Host}/{repository}:{targetTag ?? tag}";
        var args = new List<string> { "copy", "--quiet", "--dest-tls-verify=false" };
        if (registry.Credentials is { } creds)
        {
            args.Add("--dest-creds");
            args.Add(creds);
        }

        if (tag == Multi)
        {
            args.Add("--all");
        }

        if (dockerFormat)
        {
            args.Add("--format");
            args.Add("v2s2");
        }

        args.Add(OciReference(tag));
        args.Add("docker://" + reference);
        await RegistryTools.RunAsync("skopeo", args);
        return reference;
    }

    private async Task BuildCoreAsync()
    {
        var layout = LayoutDirectory;
        var rootless = RegistryTools.IsRoot ? Array.Empty<string>() : ["--rootless"];
        await Umoci("init", "--layout", layout);
        await Umoci("new", "--image", $"{layout}:base");

        var root = Path.Combine(Directory, "base-root");
        System.IO.Directory.CreateDirectory(Path.Combine(root, "bin"));
        System.IO.Directory.CreateDirectory(Path.Combine(root, "etc"));
        System.IO.Directory.CreateDirectory(Path.Combine(root, "tmp"));
        File.Copy(RegistryTools.Busybox, Path.Combine(root, "bin", "busybox"));
        foreach (var applet in Applets)
        {
            File.CreateSymbolicLink(Path.Combine(root, "bin", applet), "busybox");
        }

        await File.WriteAllTextAsync(Path.Combine(root, "etc", "passwd"), "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/tmp:/bin/sh\n");
        await File.WriteAllTextAsync(Path.Combine(root, "etc", "group"), "root:x:0:\napp:x:1000:\n");
        await Umoci("insert", "--image", $"{layout}:base", root, "/");
        await Umoci("config", "--image", $"{layout}:base", "--config.env", "PATH=/usr/sbin:/usr/bin:/sbin:/bin", "--config.cmd", "/bin/sh");

        // web: unpack the base, add the site, repack (a second layer), then its config.
        await Umoci("tag", "--image", $"{layout}:base", Web);
        var bundle = Path.Combine(Directory, "web-bundle");
        await Umoci(["unpack", .. rootless, "--image", $"{layout}:{Web}", bundle]);
        System.IO.Directory.CreateDirectory(Path.Combine(bundle, "rootfs", "www"));
        await File.WriteAllTextAsync(Path.Combine(bundle, "rootfs", "www", "index.html"), WebIndexHtml);
        await Umoci(["repack", .. rootless, "--image", $"{layout}:{Web}", bundle]);
        RegistryTools.DeleteDirectory(bundle);
        await Umoci("config", "--image", $"{layout}:{Web}",
            "--config.entrypoint", "/bin/busybox", "--config.entrypoint", "httpd", "--config.entrypoint", "-f",
            "--config.entrypoint", "-p", "--config.entrypoint", "80", "--config.entrypoint", "-h", "--config.entrypoint", "/www",
            "--clear", "config.cmd",
            "--config.env", "GREETING=hello", "--config.workingdir", "/www", "--config.exposedports", "80/tcp");

        // hello: the same base layer plus one file.
        await Umoci("tag", "--image", $"{layout}:base", Hello);
        var payload = Path.Combine(Directory, "hello.txt");
        await File.WriteAllTextAsync(payload, HelloText);
        await Umoci("insert", "--image", $"{layout}:{Hello}", payload, "/etc/hello.txt");
        await Umoci("config", "--image", $"{layout}:{Hello}", "--config.cmd", "/bin/cat", "--config.cmd", "/etc/hello.txt",
            "--config.env", "HELLO=world", "--config.user", "1000:1000", "--config.workingdir", "/tmp");

        // multi: an index of web (amd64) and an arm64 variant of it.
        await Umoci("config", "--image", $"{layout}:{Web}", "--architecture", "arm64", "--tag", WebArm64);
        var indexJson = Path.Combine(layout, "index.json");
        var index = JsonNode.Parse(await File.ReadAllTextAsync(indexJson))!.AsObject();
        var manifests = index["manifests"]!.AsArray();
        JsonObject Entry(string tag) => manifests.Select(m => m!.AsObject())
            .Single(m => m["annotations"]?["org.opencontainers.image.ref.name"]?.GetValue<string>() == tag);
        var amd64 = Entry(Web);
        var arm64 = Entry(WebArm64);
        var multiIndex = new JsonObject
        {
            ["schemaVersion"] = 2,
            ["mediaType"] = "application/vnd.oci.image.index.v1+json",
            ["manifests"] = new JsonArray(
                new JsonObject
                {
                    ["mediaType"] = amd64["mediaType"]!.GetValue<string>(), ["digest"] = amd64["digest"]!.GetValue<string>(),
                    ["size"] = amd64["size"]!.GetValue<long>(), ["platform"] = new JsonObject { ["architecture"] = "amd64", ["os"] = "linux" },
                },
                new JsonObject
                {
                    ["mediaType"] = arm64["mediaType"]!.GetValue<string>(), ["digest"] = arm64["digest"]!.GetValue<string>(),
                    ["size"] = arm64["size"]!.GetValue<long>(), ["platform"] = new JsonObject { ["architecture"] = "arm64", ["os"] = "linux", ["variant"] = "v8" },
                }),
        };
        var bytes = JsonSerializer.SerializeToUtf8Bytes(multiIndex);
        var hex = Convert.ToHexStringLower(SHA256.HashData(bytes));
        await File.WriteAllBytesAsync(Path.Combine(layout, "blobs", "sha256", hex), bytes);
        manifests.Add(new JsonObject
        {
            ["mediaType"] = "application/vnd.oci.image.index.v1+json",
            ["digest"] = "sha256:" + hex,
            ["size"] = bytes.Length,
            ["annotations"] = new JsonObject { ["org.opencontainers.image.ref.name"] = Multi },
        });
        await File.WriteAllTextAsync(indexJson, index.ToJsonString());

        Digests = manifests.Select(m => m!.AsObject()).ToDictionary(
            m => m["annotations"]!["org.opencontainers.image.ref.name"]!.GetValue<string>(),
            m => m["digest"]!.GetValue<string>());
        var webManifest = JsonNode.Parse(await File.ReadAllBytesAsync(Path.Combine(layout, "blobs", "sha256", Digests[Web][7..])))!;
        BaseLayerDigest = webManifest["layers"]![0]!["digest"]!.GetValue<string>();
    }

    private static Task<string> Umoci(params string[] args) => RegistryTools.RunAsync("umoci", args);
}
