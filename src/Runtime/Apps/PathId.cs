using Universe.Marathon;

namespace Universe.Runtime.Apps;

/// <summary>Marathon path ids (<c>/prod/db/mysql</c>): resolution of relative ids and the per-segment rule.</summary>
internal static class PathId
{
    /// <summary>Resolves <paramref name="id"/> against <paramref name="baseId"/> and canonicalises it (absolute, no trailing slash).</summary>
    public static string Resolve(string id, string baseId = "/")
    {
        var segments = new List<string>();
        if (!id.StartsWith('/'))
        {
            segments.AddRange(baseId.Split('/', StringSplitOptions.RemoveEmptyEntries));
        }

        foreach (var segment in id.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }

                continue;
            }

            segments.Add(segment);
        }

        return "/" + string.Join('/', segments);
    }

    /// <summary>Returns the validation error of a raw id (syntax and length), or null when it is valid.</summary>
    public static string? Validate(string raw, bool allowRoot = false) => MarathonIds.Validate(raw, allowRoot);

    /// <summary>The error of a resolved (absolute) id that is too long, or null.</summary>
    public static string? ValidateResolved(string id) => MarathonIds.ValidateResolved(id);

    public static string Parent(string id)
    {
        var index = id.LastIndexOf('/');
        return index <= 0 ? "/" : id[..index];
    }

    /// <summary>True when <paramref name="id"/> equals <paramref name="ancestor"/> or lies below it.</summary>
    public static bool IsUnder(string id, string ancestor) =>
        ancestor == "/" || id == ancestor || id.StartsWith(ancestor + "/", StringComparison.Ordinal);

    /// <summary>The task id prefix Marathon derives from an app id: <c>/a/b</c> → <c>a_b</c>.</summary>
    public static string ToTaskPrefix(string appId) => appId.TrimStart('/').Replace('/', '_');
}
