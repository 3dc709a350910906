using Universe.Runtime.Containers;
using Universe.Testing.Registry;

namespace Universe.Runtime.Tests.Containers;

/// <summary>
/// A fact that needs root, runc, overlay/namespaces (what containers need). Outside CI it is skipped with the reason when
/// the host lacks them; with <c>CI=true</c> it always runs (and fails if the host is missing something).
/// </summary>
public sealed class ContainerFactAttribute : FactAttribute
{
    public ContainerFactAttribute()
    {
        if (RegistryTools.IsCi)
        {
            return;
        }

        if (!OperatingSystem.IsLinux())
        {
            Skip = "containers need Linux";
        }
        else if (!Environment.IsPrivilegedProcess)
        {
            Skip = "containers need root (runc, namespaces, overlay, CNI); run the tests as root or with CI=true";
        }
        else if (!File.Exists("/usr/sbin/runc") && !File.Exists("/usr/bin/runc"))
        {
            Skip = "runc is not installed (scripts/install-deps installs it)";
        }
    }
}
