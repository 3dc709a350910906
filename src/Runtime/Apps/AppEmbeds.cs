namespace Universe.Runtime.Apps;

/// <summary>Which <c>embed</c> values apply to an app (<c>apps.</c>, <c>app.</c> and <c>group.apps.</c> prefixes are interchangeable).</summary>
[Flags]
internal enum AppEmbeds
{
    None = 0,
    Counts = 1,
    Deployments = 2,
    Tasks = 4,
    LastTaskFailure = 8,
    TaskStats = 16,
    Readiness = 32,
}

/// <summary>Parses <c>embed</c> query values.</summary>
internal static class AppEmbedParser
{
    public static AppEmbeds Parse(IEnumerable<string?> values)
    {
        var result = AppEmbeds.None;
        foreach (var raw in values)
        {
            var value = raw ?? string.Empty;
            foreach (var prefix in new[] { "group.apps.", "apps.", "app." })
            {
                if (value.StartsWith(prefix, StringComparison.Ordinal))
                {
                    value = value[prefix.Length..];
                    break;
                }
            }

            result |= value switch
            {
                "counts" or "count" => AppEmbeds.Counts,
                "deployments" => AppEmbeds.Deployments,
                "tasks" => AppEmbeds.Tasks | AppEmbeds.Deployments,
                "lastTaskFailure" => AppEmbeds.LastTaskFailure,
                "taskStats" => AppEmbeds.TaskStats,
                "readiness" => AppEmbeds.Readiness,
                "failures" => AppEmbeds.Tasks | AppEmbeds.LastTaskFailure | AppEmbeds.Deployments,
                _ => AppEmbeds.None,
            };
        }

        return result;
    }
}
