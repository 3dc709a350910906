using System.Globalization;

namespace Universe.Runtime.Containers.Images;

/// <summary>The uid/gid (and supplementary groups) a container process runs as.</summary>
internal sealed record ContainerUser(uint Uid, uint Gid, IReadOnlyList<uint> AdditionalGids)
{
    public static readonly ContainerUser Root = new(0, 0, []);

    /// <summary>
    /// Resolves an image's <c>User</c> (<c>uid</c>, <c>uid:gid</c>, <c>name</c>, <c>name:group</c>) against the rootfs's
    /// <c>/etc/passwd</c> and <c>/etc/group</c>, as Docker does. Files reached through a symlink are not read (they could
    /// point at the host's). Throws <see cref="InvalidDataException"/> for a name that does not exist.
    /// </summary>
    public static ContainerUser Resolve(string? user, string rootfs)
    {
        if (string.IsNullOrWhiteSpace(user))
        {
            return Root;
        }

        var colon = user.IndexOf(':', StringComparison.Ordinal);
        var userPart = colon < 0 ? user : user[..colon];
        var groupPart = colon < 0 ? null : user[(colon + 1)..];
        var passwd = ReadTable(rootfs, "passwd");
        uint uid;
        uint? primaryGid = null;
        string? userName = null;
        if (uint.TryParse(userPart, NumberStyles.None, CultureInfo.InvariantCulture, out var numeric))
        {
            uid = numeric;
            var row = passwd.FirstOrDefault(r => r.Length > 3 && r[2] == userPart);
            if (row is not null)
            {
                userName = row[0];
                primaryGid = ParseId(row[3]);
            }
        }
        else
        {
            var row = passwd.FirstOrDefault(r => r.Length > 3 && r[0] == userPart)
                ?? throw new InvalidDataException("The image's user '" + userPart + "' is not in its /etc/passwd");
            userName = userPart;
            uid = ParseId(row[2]) ?? throw new InvalidDataException("Bad uid for user '" + userPart + "' in the image's /etc/passwd");
            primaryGid = ParseId(row[3]);
        }

        var groups = ReadTable(rootfs, "group");
        uint gid;
        if (groupPart is null)
        {
            gid = primaryGid ?? 0;
        }
        else if (uint.TryParse(groupPart, NumberStyles.None, CultureInfo.InvariantCulture, out var numericGroup))
        {
            gid = numericGroup;
        }
        else
        {
            var row = groups.FirstOrDefault(r => r.Length > 2 && r[0] == groupPart)
                ?? throw new InvalidDataException("The image's group '" + groupPart + "' is not in its /etc/group");
            gid = ParseId(row[2]) ?? throw new InvalidDataException("Bad gid for group '" + groupPart + "' in the image's /etc/group");
        }

        var additional = userName is null || groupPart is not null
            ? [gid]
            : groups.Where(r => r.Length > 3 && r[3].Split(',').Contains(userName, StringComparer.Ordinal))
                .Select(r => ParseId(r[2])).OfType<uint>().Prepend(gid).Distinct().ToList();
        return new ContainerUser(uid, gid, additional);
    }

    private static uint? ParseId(string text) =>
        uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private static List<string[]> ReadTable(string rootfs, string name)
    {
        var etc = new DirectoryInfo(Path.Join(rootfs, "etc"));
        var file = new FileInfo(Path.Join(rootfs, "etc", name));
        if (etc.LinkTarget is not null || file.LinkTarget is not null || !file.Exists || file.Length > (4 << 20))
        {
            return [];
        }

        return [.. File.ReadLines(file.FullName).Where(l => l.Length > 0 && l[0] != '#').Select(l => l.Split(':'))];
    }
}
