using System.Globalization;

namespace Universe.Runtime.Tasks;

/// <summary>
/// The cgroup(s) of one task: one directory per controller hierarchy (v1) or one directory (v2). The launcher writes the
/// task's pid into <see cref="ProcsFiles"/> before it execs the command, so every descendant is accounted and limited.
/// </summary>
internal sealed class TaskCgroup(bool unified, IReadOnlyList<string> directories, string? memoryDirectory)
{
    /// <summary>The <c>cgroup.procs</c> files a process joins.</summary>
    public IReadOnlyList<string> ProcsFiles { get; } = [.. directories.Select(d => Path.Combine(d, "cgroup.procs"))];

    public IReadOnlyList<string> Directories { get; } = directories;

    /// <summary>True when the kernel's OOM killer killed a process of this cgroup (v2 <c>memory.events</c>, v1 <c>memory.oom_control</c>).</summary>
    public bool WasOomKilled()
    {
        if (memoryDirectory is null)
        {
            return false;
        }

        return OomKillCounted(Path.Combine(memoryDirectory, unified ? "memory.events" : "memory.oom_control"));
    }

    /// <summary>True when <paramref name="file"/> (v2 <c>memory.events</c> or v1 <c>memory.oom_control</c>) counts an <c>oom_kill</c>; false when unreadable.</summary>
    public static bool OomKillCounted(string file)
    {
        try
        {
            foreach (var line in File.ReadLines(file))
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length == 2 && parts[0] == "oom_kill"
                    && long.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var count))
                {
                    return count > 0;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }

        return false;
    }

    /// <summary>SIGKILLs every process still in the cgroup (a task's leftovers that left its process group).</summary>
    public void KillAll()
    {
        foreach (var file in ProcsFiles)
        {
            try
            {
                foreach (var line in File.ReadLines(file))
                {
                    if (int.TryParse(line, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid))
                    {
                        ProcessSignals.SignalProcess(pid, ProcessSignals.SigKill);
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
    }

    /// <summary>Removes the cgroup directories; false while processes remain (retry later).</summary>
    public bool TryRemove()
    {
        var removed = true;
        foreach (var directory in Directories)
        {
            try
            {
                if (Directory.Exists(directory))
                {
                    Directory.Delete(directory);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                removed = false;
            }
        }

        return removed;
    }
}
