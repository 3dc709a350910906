using System.Globalization;

namespace Universe.Runtime.Tasks;

/// <summary>
/// Detects at start what cgroup isolation the host allows and creates one cgroup per task with its CPU (CFS quota) and
/// memory limits. v2: <c>/sys/fs/cgroup</c> with <c>cpu</c> and <c>memory</c> delegated through <c>cgroup.subtree_control</c>;
/// v1: the <c>cpu</c> and <c>memory</c> hierarchies found in <c>/proc/mounts</c>. Anything else: no isolation, with the reason.
/// </summary>
internal sealed class CgroupIsolation
{
    private const long CfsPeriodMicros = 100_000;
    private const long MinCfsQuotaMicros = 1_000;
    private readonly string? _v2Parent;
    private readonly string? _v1MemoryParent;
    private readonly string? _v1CpuParent;

    private CgroupIsolation(IsolationInfo info, string? v2Parent, string? v1MemoryParent, string? v1CpuParent)
    {
        Info = info;
        _v2Parent = v2Parent;
        _v1MemoryParent = v1MemoryParent;
        _v1CpuParent = v1CpuParent;
    }

    public IsolationInfo Info { get; }

    public static CgroupIsolation None(string reason) => new(new IsolationInfo("none", false, false, reason), null, null, null);

    /// <summary>Probes the host: creates (and removes) a child cgroup and writes a limit into it.</summary>
    public static CgroupIsolation Detect(string cgroupName)
    {
        const string root = "/sys/fs/cgroup";
        try
        {
            return File.Exists(Path.Combine(root, "cgroup.controllers")) ? DetectV2(root, cgroupName) : DetectV1(cgroupName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return None("cgroup probe failed: " + e.Message);
        }
    }

    /// <summary>Creates the task's cgroup with its limits; null when there is no isolation.</summary>
    public TaskCgroup? Create(string taskId, double cpus, double memMb)
    {
        var memoryBytes = memMb > 0 ? (long)Math.Ceiling(memMb * 1024 * 1024) : 0;
        var quota = cpus > 0 ? Math.Max(MinCfsQuotaMicros, (long)Math.Ceiling(cpus * CfsPeriodMicros)) : 0;
        if (_v2Parent is not null)
        {
            var dir = Path.Combine(_v2Parent, taskId);
            Directory.CreateDirectory(dir);
            if (memoryBytes > 0)
            {
                Write(dir, "memory.max", memoryBytes);
                TryWrite(dir, "memory.swap.max", "0");
            }

            if (quota > 0)
            {
                Write(dir, "cpu.max", quota.ToString(CultureInfo.InvariantCulture) + " " + CfsPeriodMicros.ToString(CultureInfo.InvariantCulture));
            }

            return new TaskCgroup(true, [dir], dir);
        }

        var dirs = new List<string>();
        string? memoryDir = null;
        if (_v1MemoryParent is not null)
        {
            memoryDir = Path.Combine(_v1MemoryParent, taskId);
            Directory.CreateDirectory(memoryDir);
            dirs.Add(memoryDir);
            if (memoryBytes > 0)
            {
                Write(memoryDir, "memory.limit_in_bytes", memoryBytes);
                TryWrite(memoryDir, "memory.memsw.limit_in_bytes", memoryBytes.ToString(CultureInfo.InvariantCulture));
            }
        }

        if (_v1CpuParent is not null)
        {
            var cpuDir = Path.Combine(_v1CpuParent, taskId);
            Directory.CreateDirectory(cpuDir);
            dirs.Add(cpuDir);
            if (quota > 0)
            {
                Write(cpuDir, "cpu.cfs_period_us", CfsPeriodMicros);
                Write(cpuDir, "cpu.cfs_quota_us", quota);
            }
        }

        return dirs.Count == 0 ? null : new TaskCgroup(false, dirs, memoryDir);
    }

    /// <summary>The existing cgroup of a task (re-adoption); null when there is none.</summary>
    public TaskCgroup? Open(string taskId)
    {
        if (_v2Parent is not null)
        {
            var dir = Path.Combine(_v2Parent, taskId);
            return Directory.Exists(dir) ? new TaskCgroup(true, [dir], dir) : null;
        }

        var memoryDir = _v1MemoryParent is null ? null : Path.Combine(_v1MemoryParent, taskId);
        var cpuDir = _v1CpuParent is null ? null : Path.Combine(_v1CpuParent, taskId);
        List<string> dirs = [.. new[] { memoryDir, cpuDir }.OfType<string>().Where(Directory.Exists)];
        return dirs.Count == 0 ? null : new TaskCgroup(false, dirs, memoryDir is not null && Directory.Exists(memoryDir) ? memoryDir : null);
    }

    private static CgroupIsolation DetectV2(string root, string cgroupName)
    {
        var available = File.ReadAllText(Path.Combine(root, "cgroup.controllers")).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var cpu = available.Contains("cpu");
        var memory = available.Contains("memory");
        if (!cpu && !memory)
        {
            return None("cgroup v2 without the cpu and memory controllers");
        }

        var enable = string.Join(' ', new[] { cpu ? "+cpu" : null, memory ? "+memory" : null }.OfType<string>());
        var parent = Path.Combine(root, cgroupName);
        try
        {
            Directory.CreateDirectory(parent);
            File.WriteAllText(Path.Combine(root, "cgroup.subtree_control"), enable);
            File.WriteAllText(Path.Combine(parent, "cgroup.subtree_control"), enable);
            Probe(parent, memory ? "memory.max" : "cpu.max", memory ? "max" : "max 100000");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return None("cgroup v2 controllers not delegated (" + enable + " in cgroup.subtree_control failed: " + e.Message + ")");
        }

        return new CgroupIsolation(new IsolationInfo("cgroup-v2", cpu, memory, null), parent, null, null);
    }

    private static CgroupIsolation DetectV1(string cgroupName)
    {
        string? memoryMount = null, cpuMount = null;
        foreach (var line in File.ReadLines("/proc/mounts"))
        {
            var fields = line.Split(' ');
            if (fields.Length < 4 || fields[2] != "cgroup")
            {
                continue;
            }

            var options = fields[3].Split(',');
            memoryMount ??= options.Contains("memory") ? fields[1] : null;
            cpuMount ??= options.Contains("cpu") ? fields[1] : null;
        }

        if (memoryMount is null && cpuMount is null)
        {
            return None("no cgroup v1 cpu or memory hierarchy and no cgroup v2 mounted at /sys/fs/cgroup");
        }

        string? memoryParent = null, cpuParent = null;
        var reasons = new List<string>();
        if (memoryMount is not null)
        {
            memoryParent = TryParent(memoryMount, cgroupName, "memory.limit_in_bytes", "-1", reasons);
        }

        if (cpuMount is not null)
        {
            cpuParent = TryParent(cpuMount, cgroupName, "cpu.cfs_quota_us", "-1", reasons);
        }

        if (memoryParent is null && cpuParent is null)
        {
            return None("cgroup v1 not writable: " + string.Join("; ", reasons));
        }

        var reason = reasons.Count == 0 ? null : string.Join("; ", reasons);
        return new CgroupIsolation(new IsolationInfo("cgroup-v1", cpuParent is not null, memoryParent is not null, reason), null, memoryParent, cpuParent);
    }

    private static string? TryParent(string mount, string cgroupName, string limitFile, string value, List<string> reasons)
    {
        var parent = Path.Combine(mount, cgroupName);
        try
        {
            Directory.CreateDirectory(parent);
            Probe(parent, limitFile, value);
            return parent;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            reasons.Add(mount + ": " + e.Message);
            return null;
        }
    }

    private static void Probe(string parent, string limitFile, string value)
    {
        var probe = Path.Combine(parent, "probe-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(probe);
        try
        {
            File.WriteAllText(Path.Combine(probe, limitFile), value);
        }
        finally
        {
            Directory.Delete(probe);
        }
    }

    private static void Write(string dir, string file, long value) => Write(dir, file, value.ToString(CultureInfo.InvariantCulture));

    private static void Write(string dir, string file, string value) => File.WriteAllText(Path.Combine(dir, file), value);

    private static void TryWrite(string dir, string file, string value)
    {
        try
        {
            Write(dir, file, value);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Optional knobs (swap accounting) may be absent.
        }
    }
}
