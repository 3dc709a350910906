using Universe.Runtime.Tasks;
using Universe.Testing.Registry;

namespace Universe.Runtime.Tests.Tasks;

/// <summary>
/// A fact that needs cgroup cpu and memory limits: skipped with the host's reason where they are not available, except
/// in CI (<c>CI=true</c>, root on a cgroup v2 host), where it runs and fails if they are missing.
/// </summary>
public sealed class CgroupFactAttribute : FactAttribute
{
    /// <summary>The parent cgroup the tests create their task cgroups in.</summary>
    public const string CgroupName = "universe-tests";

    private static readonly Lazy<IsolationInfo> Isolation = new(() => CgroupIsolation.Detect(CgroupName).Info);

    public CgroupFactAttribute()
    {
        var info = Isolation.Value;
        if ((!OperatingSystem.IsLinux() || !info.CpuLimits || !info.MemoryLimits) && !RegistryTools.IsCi)
        {
            Skip = "cgroup cpu and memory limits are not available on this host: " + (info.Reason ?? info.Mode);
        }
    }
}
