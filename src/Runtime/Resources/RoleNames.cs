namespace Universe.Runtime.Resources;

/// <summary>
/// Mesos role names: <c>*</c> is the default role; otherwise a <c>/</c>-separated path whose components are not
/// empty, <c>.</c>, <c>..</c> or <c>*</c>, do not start with <c>-</c> and contain no whitespace or control characters.
/// </summary>
internal static class RoleNames
{
    /// <summary>The default role; unreserved resources carry it and nothing can be reserved for it.</summary>
    public const string Default = "*";

    /// <summary>True when <paramref name="role"/> is a valid Mesos role (including <c>*</c>).</summary>
    public static bool IsValid(string? role)
    {
        if (string.IsNullOrEmpty(role))
        {
            return false;
        }

        if (role == Default)
        {
            return true;
        }

        foreach (var part in role.Split('/'))
        {
            if (part.Length == 0 || part is "." or ".." or "*" || part[0] == '-')
            {
                return false;
            }

            foreach (var c in part)
            {
                if (char.IsWhiteSpace(c) || char.IsControl(c))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>The top-level role of a path (<c>eng</c> for <c>eng/frontend</c>); quota applies to it.</summary>
    public static string TopLevel(string role)
    {
        ArgumentNullException.ThrowIfNull(role);
        var slash = role.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? role : role[..slash];
    }

    /// <summary>
    /// True when resources reserved for <paramref name="reservationRole"/> may be used by <paramref name="role"/>:
    /// the same role or a strict ancestor of it (Mesos <c>allocatableTo</c>).
    /// </summary>
    public static bool IsSelfOrAncestor(string reservationRole, string role)
    {
        ArgumentNullException.ThrowIfNull(reservationRole);
        ArgumentNullException.ThrowIfNull(role);
        return role == reservationRole
            || (role.Length > reservationRole.Length
                && role[reservationRole.Length] == '/'
                && role.StartsWith(reservationRole, StringComparison.Ordinal));
    }
}
