using Universe.Runtime.Tasks;

namespace Universe.Runtime.Tests.Tasks;

/// <summary>A fact that is skipped, with the host's reason, when cgroup cpu and memory limits are not available.</summary>
public sealed class CgroupFactAttribute : FactAttribute
{
    /// <summary>The parent cgroup the tests create their task cgroups in.</summary>
    public const string CgroupName = "universe-tests";

    private static readonly Lazy<IsolationInfo> Isolation = new(() => CgroupIsolation.Detect(CgroupName).Info);

    public CgroupFactAttribute()
    {
        var info = Isolation.Value;
        if (!OperatingSystem.IsLinux() || !info.CpuLimits || !info.MemoryLimits)
        {
            Skip = "cgroup cpu and memory limits are not available on this host: " + (info.Reason ?? info.Mode);
        }
    }
}
