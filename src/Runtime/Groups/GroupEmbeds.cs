using Universe.Runtime.Apps;

namespace Universe.Runtime.Groups;

/// <summary>What a group response embeds: sub-groups, apps, and the app embeds (<c>group.apps.*</c>).</summary>
internal sealed record GroupEmbeds(bool Groups, bool Apps, AppEmbeds AppEmbeds)
{
    public static GroupEmbeds Parse(IReadOnlyList<string?> values)
    {
        if (values.Count == 0)
        {
            return new GroupEmbeds(true, true, AppEmbeds.None);
        }

        var groups = values.Contains("group.groups");
        var apps = values.Any(v => v is not null && v.StartsWith("group.apps", StringComparison.Ordinal));
        return new GroupEmbeds(groups, apps, AppEmbedParser.Parse(values));
    }
}
