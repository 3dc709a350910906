using System.Runtime.InteropServices;

namespace Universe.Runtime.Tasks;

/// <summary>libc <c>kill(2)</c>: signals to a process group (negative pid) or a single process.</summary>
internal static class ProcessSignals
{
    public const int SigKill = 9;
    public const int SigTerm = 15;
    private const int Esrch = 3;

    /// <summary>Sends <paramref name="signal"/> to every process of group <paramref name="processGroupId"/>; false when the group is gone.</summary>
    public static bool SignalGroup(int processGroupId, int signal) =>
        processGroupId > 1 && Send(-processGroupId, signal);

    /// <summary>Sends <paramref name="signal"/> to one process; false when it is gone.</summary>
    public static bool SignalProcess(int pid, int signal) => pid > 1 && Send(pid, signal);

    private static bool Send(int pid, int signal)
    {
        if (NativeMethods.Kill(pid, signal) == 0)
        {
            return true;
        }

        var errno = Marshal.GetLastPInvokeError();
        return errno != Esrch && errno != 0;
    }

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Kill(int pid, int sig);
    }
}
