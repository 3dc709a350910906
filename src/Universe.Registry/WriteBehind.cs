using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Universe.Registry;

/// <summary>
/// Starts the kernel's write-back of a file range that was just written (Linux <c>sync_file_range</c> with
/// <c>SYNC_FILE_RANGE_WRITE</c>): the disk writes then run while the rest of the blob is still arriving, so the fsync
/// that makes the finished blob durable has little left to wait for. Without it the page cache holds every byte of a
/// download until that fsync, and the whole disk write lands at the end. Purely an optimisation: it changes no data
/// and no durability guarantee (the fsync still runs), and where the call is unsupported it is skipped.
/// </summary>
internal static class WriteBehind
{
    /// <summary>How many new bytes make a range worth handing to the kernel.</summary>
    public const long Chunk = 4L << 20;

    private const uint SyncFileRangeWrite = 2;
    private const int Enosys = 38;
    private static volatile bool _unsupported = !OperatingSystem.IsLinux();

    /// <summary>Queues <paramref name="length"/> bytes from <paramref name="offset"/> for write-back; never blocks on the disk finishing.</summary>
    public static void Start(SafeFileHandle handle, long offset, long length)
    {
        if (_unsupported || length <= 0 || handle.IsInvalid || handle.IsClosed)
        {
            return;
        }

        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            if (NativeMethods.SyncFileRange((int)handle.DangerousGetHandle(), offset, length, SyncFileRangeWrite) != 0
                && Marshal.GetLastPInvokeError() == Enosys)
            {
                // A kernel without the call: stop trying. Other errors (a pipe, an odd file system) only skip this range.
                _unsupported = true;
            }
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            _unsupported = true;
        }
        finally
        {
            if (added)
            {
                handle.DangerousRelease();
            }
        }
    }

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "sync_file_range", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int SyncFileRange(int fd, long offset, long nbytes, uint flags);
    }
}
