namespace Universe.Runtime.Tasks;

/// <summary>
/// Path rules that keep fetched and extracted files inside a sandbox: relative names without <c>..</c>, and symlinks
/// whose target, resolved through the links already on disk, stays inside.
/// </summary>
internal static class SandboxPaths
{
    private const int MaxLinkDepth = 40;

    /// <summary>
    /// <paramref name="root"/> joined with a relative <paramref name="name"/> (<c>/</c>-separated). Null when the name is
    /// absolute, contains a <c>..</c> component or a NUL. <c>.</c> and empty components are dropped.
    /// </summary>
    public static string? ResolveRelative(string root, string name)
    {
        if (name.Length == 0 || name[0] == '/' || name.Contains('\0', StringComparison.Ordinal) || Path.IsPathRooted(name))
        {
            return null;
        }

        var parts = name.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").ToArray();
        if (parts.Any(p => p == ".."))
        {
            return null;
        }

        return parts.Length == 0 ? root : Path.Join(root, string.Join('/', parts));
    }

    /// <summary>
    /// True when a symlink at <paramref name="linkPath"/> (inside <paramref name="root"/>) pointing at the relative
    /// <paramref name="target"/> resolves inside the root. <c>..</c> may only climb out of real, existing directories,
    /// so links created later cannot change where this one points.
    /// </summary>
    public static bool IsLinkTargetInside(string root, string linkPath, string target)
    {
        if (target.Length == 0 || target[0] == '/' || target.Contains('\0', StringComparison.Ordinal))
        {
            return false;
        }

        var relativeDir = Path.GetRelativePath(root, Path.GetDirectoryName(linkPath) ?? root);
        var stack = new List<string>();
        var depth = 0;
        return (relativeDir == "." || Walk(root, stack, relativeDir.Split('/'), ref depth)) && Walk(root, stack, target.Split('/'), ref depth);
    }

    private static bool Walk(string root, List<string> stack, string[] components, ref int depth)
    {
        foreach (var component in components)
        {
            if (component.Length == 0 || component == ".")
            {
                continue;
            }

            if (component == "..")
            {
                if (stack.Count == 0)
                {
                    return false;
                }

                var current = new DirectoryInfo(Path.Join(root, string.Join('/', stack)));
                if (!current.Exists || current.LinkTarget is not null)
                {
                    return false;
                }

                stack.RemoveAt(stack.Count - 1);
                continue;
            }

            var candidate = new FileInfo(Path.Join(root, string.Join('/', stack), component));
            var linkTarget = candidate.LinkTarget;
            if (linkTarget is null)
            {
                stack.Add(component);
                continue;
            }

            if (++depth > MaxLinkDepth || linkTarget.Length == 0 || linkTarget[0] == '/' || !Walk(root, stack, linkTarget.Split('/'), ref depth))
            {
                return false;
            }
        }

        return true;
    }
}
