using System.Runtime.InteropServices;

namespace Universe.Runtime.Agents;

/// <summary>
/// Machine-wide claims on host ports, shared by every Runtime on this machine (and every user of the directory):
/// one empty file per port in <c>Runtime:LocalAgent:HostPortLockDirectory</c>, claimed with an exclusive
/// <c>flock(LOCK_EX)</c> of its own open file description for as long as a task of this Runtime holds the port.
/// The kernel drops the lock when this process dies; the files are never deleted (deleting a lock file races with
/// the next claimer).
/// </summary>
internal sealed class HostPortLocks(string directory) : IDisposable
{
    private const int LockExclusive = 2;
    private const int LockNonBlocking = 4;
    private const int WouldBlock = 11;
    private readonly Dictionary<int, FileStream> _held = [];
    private readonly Lock _sync = new();
    private bool _directoryReady;

    /// <summary>Ports this Runtime holds a claim on.</summary>
    public IReadOnlyCollection<int> Held
    {
        get
        {
            lock (_sync)
            {
                return [.. _held.Keys];
            }
        }
    }

    /// <summary>
    /// Claims <paramref name="port"/>: false when another process holds it; true when this Runtime holds it now (or
    /// already did), and also when no lock file can be used at all (nothing to coordinate with).
    /// </summary>
    public bool TryClaim(int port)
    {
        lock (_sync)
        {
            if (_held.ContainsKey(port) || !OperatingSystem.IsLinux())
            {
                return true;
            }

            FileStream? stream = null;
            try
            {
                EnsureDirectory();
                stream = new FileStream(Path.Join(directory, port.ToString(System.Globalization.CultureInfo.InvariantCulture)), new FileStreamOptions
                {
                    Mode = FileMode.OpenOrCreate,
                    Access = FileAccess.Read,
                    Share = FileShare.ReadWrite,
                    UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite
                        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite,
                });
                if (NativeMethods.Flock((int)stream.SafeFileHandle.DangerousGetHandle(), LockExclusive | LockNonBlocking) != 0)
                {
                    var errno = Marshal.GetLastPInvokeError();
                    stream.Dispose();
                    // EWOULDBLOCK: another open file description holds it. Anything else: no lock to be had here.
                    return errno != WouldBlock;
                }

                _held[port] = stream;
                return true;
            }
            catch (IOException e) when (e.HResult == WouldBlock)
            {
                // .NET's own shared flock at open met this port's exclusive claim.
                stream?.Dispose();
                return false;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stream?.Dispose();
                return true;
            }
        }
    }

    public void Release(int port)
    {
        lock (_sync)
        {
            if (_held.Remove(port, out var stream))
            {
                stream.Dispose();
            }
        }
    }

    /// <summary>Keeps exactly the claims in <paramref name="wanted"/> (tasks that ended release theirs, re-adopted ones claim again).</summary>
    public void Sync(IReadOnlySet<int> wanted)
    {
        lock (_sync)
        {
            foreach (var port in _held.Keys.Where(p => !wanted.Contains(p)).ToList())
            {
                Release(port);
            }

            foreach (var port in wanted)
            {
                TryClaim(port);
            }
        }
    }

    public void Dispose()
    {
        lock (_sync)
        {
            foreach (var stream in _held.Values)
            {
                stream.Dispose();
            }

            _held.Clear();
        }
    }

    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    private void EnsureDirectory()
    {
        if (_directoryReady)
        {
            return;
        }

        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory);
            try
            {
                // Sticky and writable for all, like /tmp: Runtimes of other users claim ports here too.
                File.SetUnixFileMode(directory, UnixFileMode.StickyBit | UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                    | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                    | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }

        _directoryReady = true;
    }

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "flock", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Flock(int fd, int operation);
    }
}
