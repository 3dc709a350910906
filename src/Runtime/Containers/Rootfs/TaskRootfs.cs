using System.Runtime.Versioning;
using Universe.Runtime.Containers.Layers;

namespace Universe.Runtime.Containers.Rootfs;

/// <summary>
/// A task's root filesystem in its bundle: an overlayfs mount of the image's unpacked layers with a per-task upper
/// directory where the kernel allows it (root, overlay in <c>/proc/filesystems</c>), otherwise a private copy built by
/// applying the layers in order.
/// </summary>
[SupportedOSPlatform("linux")]
internal static class TaskRootfs
{
    /// <summary>Whether an overlay mount works in <paramref name="scratch"/> (tries one), with the reason when not.</summary>
    public static (bool Works, string? Reason) ProbeOverlay(string scratch)
    {
        if (!Environment.IsPrivilegedProcess)
        {
            return (false, "not running as root");
        }

        if (!File.ReadAllText("/proc/filesystems").Contains("\toverlay", StringComparison.Ordinal))
        {
            return (false, "the kernel has no overlay filesystem");
        }

        var probe = Path.Join(scratch, "overlay-probe-" + Guid.NewGuid().ToString("N"));
        try
        {
            foreach (var name in (string[])["lower", "upper", "work", "merged"])
            {
                Directory.CreateDirectory(Path.Join(probe, name));
            }

            NativeFs.MountOverlay(Path.Join(probe, "merged"), OverlayOptions([Path.Join(probe, "lower")], Path.Join(probe, "upper"), Path.Join(probe, "work")));
            NativeFs.Unmount(Path.Join(probe, "merged"));
            return (true, null);
        }
        catch (IOException e)
        {
            return (false, e.Message);
        }
        finally
        {
            Directory.Delete(probe, recursive: true);
        }
    }

    /// <summary>Mounts the layers (lowest first) as <c>&lt;bundle&gt;/rootfs</c>, writable through <c>&lt;bundle&gt;/upper</c>.</summary>
    public static void MountOverlay(string bundle, IReadOnlyList<string> layerDirectories)
    {
        var rootfs = Path.Join(bundle, "rootfs");
        var upper = Path.Join(bundle, "upper");
        var work = Path.Join(bundle, "work");
        Directory.CreateDirectory(rootfs);
        Directory.CreateDirectory(upper);
        Directory.CreateDirectory(work);
        if (layerDirectories.Count == 0)
        {
            var empty = Path.Join(bundle, "empty");
            Directory.CreateDirectory(empty);
            layerDirectories = [empty];
        }

        NativeFs.MountOverlay(rootfs, OverlayOptions(layerDirectories, upper, work));
    }

    /// <summary>Builds <c>&lt;bundle&gt;/rootfs</c> by applying each layer blob in order (the copy fallback).</summary>
    public static async Task CopyAsync(string bundle, IReadOnlyList<Func<Stream>> layers, CancellationToken cancellationToken)
    {
        var rootfs = Path.Join(bundle, "rootfs");
        Directory.CreateDirectory(rootfs);
        foreach (var open in layers)
        {
            await using var blob = open();
            await LayerUnpacker.UnpackAsync(blob, rootfs, WhiteoutMode.Apply, cancellationToken);
        }
    }

    /// <summary>Unmounts the rootfs if it is mounted and deletes the bundle directory.</summary>
    public static void Remove(string bundle)
    {
        var rootfs = Path.Join(bundle, "rootfs");
        if (Directory.Exists(rootfs))
        {
            NativeFs.Unmount(rootfs);
        }

        if (Directory.Exists(bundle))
        {
            Directory.Delete(bundle, recursive: true);
        }
    }

    /// <summary>overlayfs wants the topmost lower directory first.</summary>
    private static string OverlayOptions(IReadOnlyList<string> lowestFirst, string upper, string work) =>
        "lowerdir=" + string.Join(':', lowestFirst.Reverse()) + ",upperdir=" + upper + ",workdir=" + work;
}
