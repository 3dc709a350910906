using System.Globalization;
using Universe.Runtime.Containers.Oci;

namespace Universe.Runtime.Containers;

/// <summary>
/// Files of a container bundle (<c>&lt;store&gt;/bundles/&lt;id&gt;</c>) besides the rootfs and <c>config.json</c>: the
/// <c>/etc/hosts</c>, <c>hostname</c> and <c>resolv.conf</c> mounted into the container, the exit status the shim writes,
/// and the tail of the task's stderr that explains a failed start.
/// </summary>
internal static class ContainerBundleFiles
{
    /// <summary>Writes the container's hosts, hostname and resolv.conf under <c>&lt;bundle&gt;/etc</c>; returns their read-only mounts.</summary>
    public static async Task<IReadOnlyList<ContainerMount>> WriteEtcFilesAsync(string bundle, string hostname, string? ip, CancellationToken cancellationToken)
    {
        var etc = Path.Join(bundle, "etc");
        Directory.CreateDirectory(etc);
        var hosts = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n" + (ip is null ? "" : ip + "\t" + hostname + "\n");
        await File.WriteAllTextAsync(Path.Join(etc, "hosts"), hosts, cancellationToken);
        await File.WriteAllTextAsync(Path.Join(etc, "hostname"), hostname + "\n", cancellationToken);
        var resolv = File.Exists("/etc/resolv.conf") ? await File.ReadAllTextAsync("/etc/resolv.conf", cancellationToken) : "";
        await File.WriteAllTextAsync(Path.Join(etc, "resolv.conf"), resolv, cancellationToken);
        return
        [
            new ContainerMount(Path.Join(etc, "hosts"), "/etc/hosts", ReadOnly: true),
            new ContainerMount(Path.Join(etc, "hostname"), "/etc/hostname", ReadOnly: true),
            new ContainerMount(Path.Join(etc, "resolv.conf"), "/etc/resolv.conf", ReadOnly: true),
        ];
    }

    /// <summary>The last three non-empty lines of <paramref name="path"/> (at most 600 characters), or <c>(no output)</c>.</summary>
    public static string LastLines(string path)
    {
        if (!File.Exists(path))
        {
            return "(no output)";
        }

        var lines = File.ReadLines(path).TakeLast(3).Select(l => l.Trim()).Where(l => l.Length > 0);
        var text = string.Join(" | ", lines);
        return text.Length == 0 ? "(no output)" : text.Length > 600 ? text[^600..] : text;
    }

    /// <summary>The exit status the shim wrote to <paramref name="exitFile"/>; null when there is none (yet) or it is unreadable.</summary>
    public static int? ReadExitCode(string exitFile)
    {
        try
        {
            return File.Exists(exitFile) && int.TryParse(File.ReadAllText(exitFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var code)
                ? code
                : null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
