using System.Globalization;
using System.Text.RegularExpressions;
using Universe.Builder.Build;
using Universe.Cosmos.Packages;

namespace Universe.Builder.Serving;

/// <summary>The outcome of negotiating <c>/repo</c> or <c>/package/&lt;name&gt;</c>: the DC/OS version whose files to serve, or why none.</summary>
public sealed record RepoChoice(string? DcosVersion, int Status, string? ErrorType, string? Error)
{
    public static RepoChoice Of(string dcosVersion) => new(dcosVersion, 200, null, null);

    public static RepoChoice Fail(int status, string type, string message) => new(null, status, type, message);
}

/// <summary>
/// The Universe server's negotiation (universe-format.md §3.3), pure: the DC/OS version comes from
/// <c>?dcosVersion=</c>, else a <c>dcos/&lt;ver&gt;</c> token of the User-Agent, else 2.0, and maps to the nearest
/// served version at or below it; the repo version (v3/v4/v5) must be one the <c>Accept</c> header lists, so a client
/// that takes only older formats gets the newest DC/OS version whose file is in one of them. <c>application/json</c>,
/// <c>application/*</c>, <c>*/*</c>, a bare repo type and no Accept at all take every version; anything else is a 406.
/// </summary>
public static partial class RepoNegotiation
{
    public const string DefaultDcosVersion = "2.0";

    public static RepoChoice Choose(IReadOnlyList<(string Text, LooseVersion Version)> served, string? accept, string? userAgent, string? dcosVersionQuery)
    {
        ArgumentNullException.ThrowIfNull(served);
        if (served.Count == 0)
        {
            return RepoChoice.Fail(404, "NoRepository", "This server has no repo-up-to-<version>.json file.");
        }

        string requested;
        if (!string.IsNullOrEmpty(dcosVersionQuery))
        {
            if (!VersionPattern().IsMatch(dcosVersionQuery))
            {
                return RepoChoice.Fail(400, "InvalidDcosVersion", $"dcosVersion [{dcosVersionQuery}] is not a DC/OS version such as 2.0.");
            }

            requested = dcosVersionQuery;
        }
        else
        {
            requested = userAgent is not null && UserAgentPattern().Match(userAgent) is { Success: true } m ? m.Groups[1].Value : DefaultDcosVersion;
        }

        var accepted = AcceptedRepoVersions(accept);
        if (accepted.Count == 0)
        {
            return RepoChoice.Fail(406, "NotAcceptable", $"The Accept header [{accept}] names no format this server has. Send Accept: {RepoMediaTypes.Accept} (or application/json).");
        }

        var version = LooseVersion.Parse(requested);
        var atOrBelow = served.Where(v => v.Version <= version).ToArray();
        if (atOrBelow.Length == 0)
        {
            return RepoChoice.Fail(400, "UnsupportedDcosVersion", $"DC/OS {requested} is older than every version this server has (oldest {served[0].Text}).");
        }

        for (var i = atOrBelow.Length - 1; i >= 0; i--)
        {
            if (accepted.Contains(DcosVersions.RepoVersionFor(atOrBelow[i].Version)))
            {
                return RepoChoice.Of(atOrBelow[i].Text);
            }
        }

        return RepoChoice.Fail(406, "NotAcceptable", $"No repo file for DC/OS {requested} or older is in a format the Accept header [{accept}] takes (v{string.Join(", v", accepted.Order())}).");
    }

    /// <summary>The repo versions (3, 4, 5) an Accept header takes.</summary>
    public static IReadOnlySet<int> AcceptedRepoVersions(string? accept)
    {
        var all = new HashSet<int> { 3, 4, 5 };
        if (string.IsNullOrWhiteSpace(accept))
        {
            return all;
        }

        var result = new HashSet<int>();
        foreach (var range in accept.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = range.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0 || Quality(parts) <= 0)
            {
                continue;
            }

            var type = parts[0].ToLowerInvariant();
            if (type is "*/*" or "application/*" or "application/json")
            {
                result.UnionWith(all);
            }
            else if (type == RepoMediaTypes.BaseType)
            {
                var version = Parameter(parts, "version");
                if (version is null)
                {
                    result.UnionWith(all);
                }
                else if (version.ToLowerInvariant() is "v3" or "v4" or "v5")
                {
                    result.Add(version[1] - '0');
                }
            }
        }

        return result;
    }

    private static double Quality(string[] parts) =>
        Parameter(parts, "q") is { } q && double.TryParse(q, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : 1;

    private static string? Parameter(string[] parts, string name)
    {
        for (var i = 1; i < parts.Length; i++)
        {
            var eq = parts[i].IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && parts[i][..eq].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return parts[i][(eq + 1)..].Trim().Trim('"');
            }
        }

        return null;
    }

    [GeneratedRegex(@"(?:^|[\s(;])dcos/(\d+(?:\.\d+)*)", RegexOptions.IgnoreCase)]
    private static partial Regex UserAgentPattern();

    [GeneratedRegex(@"^\d+(?:\.\d+)*$")]
    private static partial Regex VersionPattern();
}
