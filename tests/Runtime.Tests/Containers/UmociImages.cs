using System.Diagnostics;
using System.Text.Json;
using Universe.Registry;
using Universe.Runtime.Containers;

namespace Universe.Runtime.Tests.Containers;

/// <summary>
/// Builds images with umoci from Debian's busybox-static into an OCI layout, and loads them back as a
/// <see cref="ContainerImage"/> (config and layer blobs straight from the layout).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
internal static class UmociImages
{
    /// <summary>
    /// A busybox image: <c>/bin/busybox</c> with <c>sh</c> and friends linked, <c>/www/index.html</c>, a <c>web</c> user
    /// (1000:1000), plus the given config flags (e.g. <c>--config.entrypoint</c>).
    /// </summary>
    public static void BuildBusybox(string layout, string tag, string indexHtml, params string[] configFlags)
    {
        var work = Path.Join(Path.GetDirectoryName(layout)!, "umoci-" + Guid.NewGuid().ToString("N"));
        if (!Directory.Exists(layout))
        {
            Run("umoci", "init", "--layout", layout);
        }

        Run("umoci", "new", "--image", layout + ":" + tag);
        Run("umoci", "unpack", "--image", layout + ":" + tag, work);
        var rootfs = Path.Join(work, "rootfs");
        foreach (var dir in (string[])["bin", "www", "etc", "tmp", "data"])
        {
            Directory.CreateDirectory(Path.Join(rootfs, dir));
        }

        File.Copy("/bin/busybox", Path.Join(rootfs, "bin", "busybox"));
        foreach (var applet in (string[])["sh", "cat", "echo", "id", "sleep", "touch", "ls", "httpd", "env", "pwd", "head", "dd", "wget"])
        {
            File.CreateSymbolicLink(Path.Join(rootfs, "bin", applet), "busybox");
        }

        File.WriteAllText(Path.Join(rootfs, "www", "index.html"), indexHtml);
        File.WriteAllText(Path.Join(rootfs, "etc", "passwd"), "root:x:0:0:root:/root:/bin/sh\nweb:x:1000:1000:web:/www:/bin/sh\n");
        File.WriteAllText(Path.Join(rootfs, "etc", "group"), "root:x:0:\nweb:x:1000:\nextra:x:2000:web\n");
        File.SetUnixFileMode(Path.Join(rootfs, "tmp"), (UnixFileMode)0x3FF);
        Run("umoci", "repack", "--image", layout + ":" + tag, work);
        Run("umoci", ["config", "--image", layout + ":" + tag, .. configFlags]);
        Directory.Delete(work, recursive: true);
    }

    /// <summary>The image tagged <paramref name="tag"/> in the layout, ready to be run.</summary>
    public static ContainerImage Load(string layout, string tag)
    {
        using var index = JsonDocument.Parse(File.ReadAllBytes(Path.Join(layout, "index.json")));
        var manifestDigest = index.RootElement.GetProperty("manifests").EnumerateArray()
            .First(m => m.GetProperty("annotations").GetProperty("org.opencontainers.image.ref.name").GetString() == tag)
            .GetProperty("digest").GetString()!;
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(Blob(layout, manifestDigest)));
        var config = ManifestParser.ParseConfig(File.ReadAllBytes(Blob(layout, manifest.RootElement.GetProperty("config").GetProperty("digest").GetString()!)));
        var layers = manifest.RootElement.GetProperty("layers").EnumerateArray()
            .Select((l, i) => (Digest: l.GetProperty("digest").GetString()!, DiffId: config.DiffIds[i]))
            .Select(l => new ImageLayer(l.DiffId, () => File.OpenRead(Blob(layout, l.Digest))))
            .ToList();
        return new ContainerImage(layout + ":" + tag, config, layers);
    }

    private static string Blob(string layout, string digest) => Path.Join(layout, "blobs", "sha256", digest["sha256:".Length..]);

    private static void Run(string file, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(file + " " + string.Join(' ', arguments) + " failed: " + stderr.Result);
        }
    }
}
