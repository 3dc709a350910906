using System.Diagnostics.CodeAnalysis;

namespace Universe.Cosmos.Repositories;

/// <summary>
/// A parsed repository URI. <see cref="Target"/> is the absolute http(s) URL, the full local path, or the git remote
/// (a URL or a local path); <see cref="Reference"/> the git branch, tag or commit after <c>#</c>.
/// </summary>
public sealed record RepositoryLocation(RepositoryKind Kind, string Target, string? Reference = null)
{
    /// <summary>Whether reading it touches the local file system (<c>file://</c>, paths, local git).</summary>
    public bool IsLocal => Kind == RepositoryKind.Local || (Kind == RepositoryKind.Git && !Target.StartsWith("http", StringComparison.OrdinalIgnoreCase));

    /// <summary>Parses <paramref name="uri"/>. On failure <paramref name="unsupported"/> tells a bad scheme (true) from bad syntax (false).</summary>
    public static bool TryParse(
        string uri,
        [NotNullWhen(true)] out RepositoryLocation? location,
        [NotNullWhen(false)] out string? cause,
        out bool unsupported)
    {
        ArgumentNullException.ThrowIfNull(uri);
        location = null;
        unsupported = false;
        cause = null;
        var text = uri.Trim();
        if (text.Length == 0 || text.Contains('\0', StringComparison.Ordinal))
        {
            cause = "empty or invalid URI";
            return false;
        }

        if (text.StartsWith('/') || text.StartsWith("./", StringComparison.Ordinal) || text.StartsWith("../", StringComparison.Ordinal))
        {
            return FromPath(text, out location, out cause);
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var parsed))
        {
            cause = "not an absolute URI or path";
            return false;
        }

        switch (parsed.Scheme)
        {
            case "http" or "https":
                if (string.IsNullOrEmpty(parsed.Host))
                {
                    cause = "missing host";
                    return false;
                }

                location = new RepositoryLocation(RepositoryKind.Http, parsed.AbsoluteUri);
                return true;
            case "file":
                return FromPath(Uri.UnescapeDataString(parsed.AbsolutePath) + parsed.Fragment, out location, out cause);
            case "git+https" or "git+http" or "git+file" or "git+ssh" or "git":
                return FromGit(text, parsed, out location, out cause, out unsupported);
            default:
                unsupported = true;
                cause = $"unsupported scheme {parsed.Scheme}";
                return false;
        }
    }

    private static bool FromPath(string text, [NotNullWhen(true)] out RepositoryLocation? location, [NotNullWhen(false)] out string? cause)
    {
        location = null;
        cause = null;
        var hash = text.IndexOf('#', StringComparison.Ordinal);
        var path = hash >= 0 ? text[..hash] : text;
        var reference = hash >= 0 ? text[(hash + 1)..] : null;
        try
        {
            path = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            cause = e.Message;
            return false;
        }

        if (Path.TrimEndingDirectorySeparator(path).EndsWith(".git", StringComparison.Ordinal))
        {
            location = new RepositoryLocation(RepositoryKind.Git, path, NullIfEmpty(reference));
            return true;
        }

        if (reference is not null)
        {
            cause = "a fragment is only allowed on git repositories";
            return false;
        }

        location = new RepositoryLocation(RepositoryKind.Local, path);
        return true;
    }

    private static bool FromGit(
        string text,
        Uri parsed,
        [NotNullWhen(true)] out RepositoryLocation? location,
        [NotNullWhen(false)] out string? cause,
        out bool unsupported)
    {
        location = null;
        unsupported = false;
        var remote = text.StartsWith("git+", StringComparison.OrdinalIgnoreCase) ? text[4..] : text;
        var hash = remote.IndexOf('#', StringComparison.Ordinal);
        var reference = hash >= 0 ? NullIfEmpty(remote[(hash + 1)..]) : null;
        remote = hash >= 0 ? remote[..hash] : remote;
        if (parsed.Scheme is "git+ssh" or "git")
        {
            unsupported = true;
            cause = $"unsupported scheme {parsed.Scheme}";
            return false;
        }

        if (parsed.Scheme == "git+file")
        {
            var path = Uri.UnescapeDataString(new Uri(remote).AbsolutePath);
            location = new RepositoryLocation(RepositoryKind.Git, Path.GetFullPath(path), reference);
            cause = null;
            return true;
        }

        location = new RepositoryLocation(RepositoryKind.Git, new Uri(remote).AbsoluteUri, reference);
        cause = null;
        return true;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
