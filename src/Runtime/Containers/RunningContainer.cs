using System.Diagnostics;

namespace Universe.Runtime.Containers;

/// <summary>A started (or re-adopted) container: its id and bundle, the shim process when this Runtime started it, the container's pid.</summary>
internal sealed class RunningContainer(string id, string bundle, Process? shim, int pid)
{
    public string Id => id;

    public string Bundle => bundle;

    /// <summary>The shim (<c>sh</c> around <c>runc run</c>) when this Runtime started it; null after re-adoption.</summary>
    public Process? Shim => shim;

    /// <summary>The container's init process on the host.</summary>
    public int Pid => pid;

    public string ExitFile => Path.Join(bundle, "exit");
}
