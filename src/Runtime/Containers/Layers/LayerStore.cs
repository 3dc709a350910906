using System.Collections.Concurrent;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;

namespace Universe.Runtime.Containers.Layers;

/// <summary>
/// Unpacked layers, content-addressed by diff id (<c>&lt;root&gt;/sha256/&lt;hex&gt;</c>) and shared by every image that
/// has the layer. A layer is unpacked into a temporary directory, its diff id verified, then renamed into place, so a
/// crash never leaves a half layer under its name. Layers no image in use references are garbage-collected.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed partial class LayerStore
{
    private readonly string _root;
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _inFlight = new(StringComparer.Ordinal);

    public LayerStore(string root)
    {
        _root = Path.GetFullPath(root);
        Directory.CreateDirectory(Path.Join(_root, "sha256"));
        var temp = Path.Join(_root, "tmp");
        if (Directory.Exists(temp))
        {
            Directory.Delete(temp, recursive: true);
        }

        Directory.CreateDirectory(temp);
    }

    public string Root => _root;

    /// <summary>The directory of an unpacked layer, or null when it is not in the store.</summary>
    public string? Find(string diffId) => PathFor(diffId) is { } path && Directory.Exists(path) ? path : null;

    /// <summary>Unpacks the layer (once, even when several tasks ask at the same time) and returns its directory.</summary>
    public async Task<string> EnsureAsync(string diffId, Func<Stream> openBlob, CancellationToken cancellationToken)
    {
        var target = PathFor(diffId) ?? throw new LayerException("invalid diff id '" + diffId + "'");
        if (Directory.Exists(target))
        {
            return target;
        }

        var work = _inFlight.GetOrAdd(diffId, _ => new Lazy<Task<string>>(() => UnpackAsync(diffId, target, openBlob, cancellationToken)));
        try
        {
            return await work.Value;
        }
        finally
        {
            _inFlight.TryRemove(new KeyValuePair<string, Lazy<Task<string>>>(diffId, work));
        }
    }

    /// <summary>Deletes every layer not in <paramref name="keep"/>; returns the diff ids removed.</summary>
    public IReadOnlyList<string> CollectGarbage(IReadOnlySet<string> keep)
    {
        var removed = new List<string>();
        foreach (var directory in Directory.EnumerateDirectories(Path.Join(_root, "sha256")))
        {
            var diffId = "sha256:" + Path.GetFileName(directory);
            if (keep.Contains(diffId) || _inFlight.ContainsKey(diffId))
            {
                continue;
            }

            var doomed = Path.Join(_root, "tmp", "gc-" + Guid.NewGuid().ToString("N"));
            Directory.Move(directory, doomed);
            Directory.Delete(doomed, recursive: true);
            removed.Add(diffId);
        }

        return removed;
    }

    private async Task<string> UnpackAsync(string diffId, string target, Func<Stream> openBlob, CancellationToken cancellationToken)
    {
        var temp = Path.Join(_root, "tmp", Guid.NewGuid().ToString("N"));
        try
        {
            string actual;
            await using (var blob = openBlob())
            {
                actual = await LayerUnpacker.UnpackAsync(blob, temp, WhiteoutMode.Overlay, cancellationToken);
            }

            if (!string.Equals(actual, diffId, StringComparison.Ordinal))
            {
                throw new LayerException("layer content does not match its diff id: expected " + diffId + ", got " + actual);
            }

            if (!Directory.Exists(target))
            {
                Directory.Move(temp, target);
            }

            return target;
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
    }

    private string? PathFor(string diffId) =>
        DiffId().Match(diffId) is { Success: true } match ? Path.Join(_root, "sha256", match.Groups[1].Value) : null;

    [GeneratedRegex("^sha256:([a-f0-9]{64})\\z", RegexOptions.CultureInvariant)]
    private static partial Regex DiffId();
}
