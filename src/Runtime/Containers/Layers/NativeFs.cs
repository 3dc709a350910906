using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Universe.Runtime.Containers.Layers;

/// <summary>libc calls .NET has no API for: device/FIFO nodes, overlay xattrs, ownership without following links, hard links, mounts.</summary>
internal static class NativeFs
{
    private const uint SIfChr = 0x2000;
    private const uint SIfIfo = 0x1000;

    /// <summary>An overlayfs whiteout: a character device 0:0.</summary>
    public static void MakeWhiteout(string path) => Check(NativeMethods.Mknod(path, SIfChr, 0), "mknod", path);

    public static void MakeFifo(string path, UnixFileMode mode) => Check(NativeMethods.Mknod(path, SIfIfo | (uint)mode, 0), "mkfifo", path);

    /// <summary>Marks <paramref name="directory"/> opaque for overlayfs (lower layers' entries are hidden).</summary>
    public static void MarkOpaque(string directory)
    {
        var value = "y"u8.ToArray();
        Check(NativeMethods.Lsetxattr(directory, "trusted.overlay.opaque", value, (nuint)value.Length, 0), "setxattr", directory);
    }

    public static void LinkHard(string existing, string newPath) => Check(NativeMethods.Link(existing, newPath), "link", newPath);

    /// <summary>Ownership without following a final symlink; silently skipped when not root (the unpacker also runs unprivileged).</summary>
    public static void ChangeOwner(string path, int uid, int gid)
    {
        if (Environment.IsPrivilegedProcess)
        {
            Check(NativeMethods.Lchown(path, uid, gid), "lchown", path);
        }
    }

    public static void MountOverlay(string target, string options) =>
        Check(NativeMethods.Mount("overlay", target, "overlay", 0, options), "mount overlay", target);

    /// <summary>Detaches the mount at <paramref name="target"/>; false when nothing was mounted there.</summary>
    public static bool Unmount(string target)
    {
        const int MntDetach = 2;
        const int Einval = 22;
        const int Enoent = 2;
        if (NativeMethods.Umount2(target, MntDetach) == 0)
        {
            return true;
        }

        var errno = Marshal.GetLastPInvokeError();
        return errno is Einval or Enoent ? false : throw new Win32Exception(errno, "umount " + target);
    }

    private static void Check(int result, string call, string path)
    {
        if (result != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException(call + " " + path + ": " + new Win32Exception(errno).Message, errno);
        }
    }

#pragma warning disable CA2101 // strings are marshalled explicitly as UTF-8 (LPUTF8Str), which is what Linux paths are
    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "mknod", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Mknod([MarshalAs(UnmanagedType.LPUTF8Str)] string path, uint mode, ulong dev);

        [DllImport("libc", EntryPoint = "lsetxattr", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Lsetxattr([MarshalAs(UnmanagedType.LPUTF8Str)] string path, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, byte[] value, nuint size, int flags);

        [DllImport("libc", EntryPoint = "lchown", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Lchown([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int uid, int gid);

        [DllImport("libc", EntryPoint = "link", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Link([MarshalAs(UnmanagedType.LPUTF8Str)] string existing, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath);

        [DllImport("libc", EntryPoint = "mount", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Mount([MarshalAs(UnmanagedType.LPUTF8Str)] string source, [MarshalAs(UnmanagedType.LPUTF8Str)] string target,
            [MarshalAs(UnmanagedType.LPUTF8Str)] string type, ulong flags, [MarshalAs(UnmanagedType.LPUTF8Str)] string data);

        [DllImport("libc", EntryPoint = "umount2", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int Umount2([MarshalAs(UnmanagedType.LPUTF8Str)] string target, int flags);
    }
#pragma warning restore CA2101
}
