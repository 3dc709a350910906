using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Microsoft.Win32.SafeHandles;

namespace Universe.IO;

/// <summary>
/// Opens a file below a root directory so that it stays inside the root after every link on the way is resolved, not
/// only the last one: a directory link such as <c>r -&gt; /</c> or <c>up -&gt; ../other-task</c> cannot lead out. The
/// file is opened first (non-blocking, so a FIFO cannot hang the caller) and the path of what was actually opened is
/// read back from <c>/proc/self/fd</c>, so a link swapped between a check and the open cannot win a race either. Links
/// that stay inside the root are fine. Only regular files are returned.
/// </summary>
[SupportedOSPlatform("linux")]
internal static class ConfinedFile
{
    private const int ORdOnly = 0;
    private const int ONonBlock = 0x800;
    private const int OCloExec = 0x80000;

    /// <summary>
    /// <paramref name="relativePath"/> (<c>/</c>-separated, relative) below <paramref name="root"/>, opened for reading;
    /// null when it does not exist, is not a regular file, or resolves outside the root.
    /// </summary>
    public static FileStream? OpenRead(string root, string relativePath)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(relativePath);
        if (relativePath.Length == 0 || relativePath.Contains('\0', StringComparison.Ordinal) || Path.IsPathRooted(relativePath))
        {
            return null;
        }

        var realRoot = RealPath(root);
        if (realRoot is null)
        {
            return null;
        }

        var candidate = Path.Join(realRoot, relativePath);
        var fd = NativeMethods.Open(CString(candidate), ORdOnly | ONonBlock | OCloExec);
        if (fd < 0)
        {
            return null;
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            var opened = File.ResolveLinkTarget("/proc/self/fd/" + fd.ToString(System.Globalization.CultureInfo.InvariantCulture), returnFinalTarget: false)?.FullName;
            if (opened is null || !IsInside(realRoot, opened))
            {
                handle.Dispose();
                return null;
            }

            var stream = new FileStream(handle, FileAccess.Read, bufferSize: 0);
            if (!stream.CanSeek)
            {
                stream.Dispose();
                return null;
            }

            return stream;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            handle.Dispose();
            return null;
        }
    }

    /// <summary>True when <paramref name="path"/>, with every link resolved, lies strictly below <paramref name="root"/> (also resolved).</summary>
    public static bool IsInsideAfterResolving(string root, string path)
    {
        var realRoot = RealPath(root);
        var realPath = RealPath(path);
        return realRoot is not null && realPath is not null && IsInside(realRoot, realPath);
    }

    /// <summary><c>realpath(3)</c>: the absolute path with every link resolved, or null when it does not exist.</summary>
    public static string? RealPath(string path)
    {
        var result = NativeMethods.RealPath(CString(path), IntPtr.Zero);
        if (result == IntPtr.Zero)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUTF8(result);
        }
        finally
        {
            NativeMethods.Free(result);
        }
    }

    private static byte[] CString(string path)
    {
        var bytes = new byte[System.Text.Encoding.UTF8.GetByteCount(path) + 1];
        System.Text.Encoding.UTF8.GetBytes(path, bytes);
        return bytes;
    }

    private static bool IsInside(string realRoot, string path) =>
        path.StartsWith(realRoot.EndsWith('/') ? realRoot : realRoot + "/", StringComparison.Ordinal);

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "open", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Open(byte[] path, int flags);

        [DllImport("libc", EntryPoint = "realpath")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern IntPtr RealPath(byte[] path, IntPtr resolved);

        [DllImport("libc", EntryPoint = "free")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern void Free(IntPtr pointer);
    }
}
