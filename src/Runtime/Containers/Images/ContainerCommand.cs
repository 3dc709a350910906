using Universe.Registry;

namespace Universe.Runtime.Containers.Images;

/// <summary>
/// The process a container runs, as Marathon/Mesos decide it with an image: <c>cmd</c> runs through <c>/bin/sh -c</c>
/// inside the image (the entrypoint is not used), <c>args</c> are appended to the image's entrypoint (replacing its Cmd),
/// and with neither the image's entrypoint plus its Cmd run.
/// </summary>
internal static class ContainerCommand
{
    /// <summary>The argv, or null when there is nothing to run (no cmd, no args, and an image without entrypoint and Cmd).</summary>
    public static IReadOnlyList<string>? Resolve(string? cmd, IReadOnlyList<string>? args, ImageConfig image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (!string.IsNullOrEmpty(cmd))
        {
            return ["/bin/sh", "-c", cmd];
        }

        var entrypoint = image.Entrypoint ?? [];
        IReadOnlyList<string> argv = args is { Count: > 0 }
            ? [.. entrypoint, .. args]
            : [.. entrypoint, .. image.Cmd ?? []];
        return argv.Count == 0 ? null : argv;
    }
}
