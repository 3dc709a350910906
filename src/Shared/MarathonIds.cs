using System.Text.RegularExpressions;

namespace Universe.Marathon;

/// <summary>
/// Marathon's id rules, shared by the Runtime (apps, groups, dependencies) and Cosmos (the <c>appId</c> of its RPCs), so
/// an id one accepts the other accepts too. Linked as source into both.
/// </summary>
internal static partial class MarathonIds
{
    /// <summary>A segment is at most a DNS label long (63), as Mesos-DNS and DC/OS service names need.</summary>
    public const int MaxSegmentLength = 63;

    /// <summary>
    /// An id (absolute, with its leading <c>/</c>) is at most 128 characters: the task ids, sandbox directories and
    /// cgroups derived from it (<c>&lt;id&gt;.instance-&lt;uuid&gt;._app.1</c>) must stay within their 200-character limit.
    /// </summary>
    public const int MaxLength = 128;

    /// <summary>Marathon's per-segment rule (mesosphere/marathon PathId.scala), as its error messages print it.</summary>
    public const string SegmentPattern = @"^(([a-z0-9]|[a-z0-9][a-z0-9\-]*[a-z0-9])\.)*([a-z0-9]|[a-z0-9][a-z0-9\-]*[a-z0-9])|(\.|\.\.)$";

    private static readonly HashSet<string> ReservedLastSegments = ["restart", "tasks", "versions", ".", ".."];

    /// <summary>The validation error of a raw (possibly relative) id, or null when it is valid.</summary>
    public static string? Validate(string raw, bool allowRoot = false)
    {
        ArgumentNullException.ThrowIfNull(raw);
        if (raw.Length > MaxLength)
        {
            return $"must be at most {MaxLength} characters long";
        }

        var segments = raw.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0)
        {
            return allowRoot ? null : "Path must contain at least one path element";
        }

        foreach (var segment in segments)
        {
            if (segment.Length > MaxSegmentLength)
            {
                return $"each path element must be at most {MaxSegmentLength} characters long";
            }

            if (!SegmentRegex().IsMatch(segment))
            {
                return $"must fully match regular expression '{SegmentPattern}'";
            }
        }

        return ReservedLastSegments.Contains(segments[^1])
            ? $"must not end with any of the following reserved keywords: {string.Join(", ", ReservedLastSegments)}"
            : null;
    }

    /// <summary>The error of a resolved (absolute) id that is too long, or null.</summary>
    public static string? ValidateResolved(string id) =>
        id.Length > MaxLength ? $"must be at most {MaxLength} characters long" : null;

    [GeneratedRegex(@"^(([a-z0-9]|[a-z0-9][a-z0-9\-]*[a-z0-9])\.)*([a-z0-9]|[a-z0-9][a-z0-9\-]*[a-z0-9])$|^(\.|\.\.)$")]
    private static partial Regex SegmentRegex();
}
