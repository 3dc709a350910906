using System.Text.Json.Nodes;
using Universe.Cosmos.Marathon;

namespace Universe.Cosmos.Services.Lifecycle;

/// <summary>
/// Numbers and classifies a service's Marathon app versions (oldest first). A version is the Cosmos change named by
/// its <c>DCOS_PACKAGE_CHANGE</c> label when the label differs from the previous version's (or, for the oldest kept
/// version, when the version is a configuration change); its number is the one recorded in the label. Other versions
/// are <c>scale</c> when only the instance count changed (Marathon's <c>versionInfo.lastConfigChangeAt</c> is older
/// than the version), <c>update</c> when an older Cosmos (no change label) changed the package labels, <c>install</c>
/// for an unlabelled first version, and <c>external</c> otherwise; they are numbered one past the previous. Pure.
/// </summary>
public static class HistoryClassifier
{
    /// <summary>Volatile members ignored when comparing two versions' configuration.</summary>
    private static readonly string[] VolatileMembers =
    [
        "version", "versionInfo", "instances", "tasksStaged", "tasksRunning", "tasksHealthy", "tasksUnhealthy",
        "deployments", "tasks", "lastTaskFailure", "taskStats", "readinessCheckResults",
    ];

    public static IReadOnlyList<ClassifiedVersion> Classify(IReadOnlyList<MarathonApp> versionsOldestFirst)
    {
        ArgumentNullException.ThrowIfNull(versionsOldestFirst);
        var result = new List<ClassifiedVersion>(versionsOldestFirst.Count);
        MarathonApp? previous = null;
        var previousRevision = 0;
        foreach (var app in versionsOldestFirst)
        {
            var record = ChangeRecord.Decode(app.Label(ChangeRecord.Label));
            var scaleOnly = IsScaleOnly(app, previous);
            var cosmosMade = record is not null && (previous is null
                ? !scaleOnly
                : !string.Equals(app.Label(ChangeRecord.Label), previous.Label(ChangeRecord.Label), StringComparison.Ordinal));
            string kind;
            int revision;
            if (cosmosMade)
            {
                kind = record!.Kind;
                revision = Math.Max(record.Revision, previousRevision + 1);
            }
            else
            {
                kind = scaleOnly ? ChangeRecord.Scale : UnlabelledKind(app, previous, record);
                revision = previous is null ? (record?.Revision ?? 0) + 1 : previousRevision + 1;
            }

            result.Add(new ClassifiedVersion(revision, app, kind, cosmosMade ? record : null));
            previous = app;
            previousRevision = revision;
        }

        return result;
    }

    /// <summary>Whether <paramref name="app"/> changed only the instance count (or nothing) relative to <paramref name="previous"/>.</summary>
    public static bool IsScaleOnly(MarathonApp app, MarathonApp? previous)
    {
        ArgumentNullException.ThrowIfNull(app);
        var version = JsonRead.Str(app.Json["version"]);
        var lastConfigChange = JsonRead.Str(app.Json["versionInfo"]?["lastConfigChangeAt"]);
        if (version is not null && lastConfigChange is not null)
        {
            return !string.Equals(version, lastConfigChange, StringComparison.Ordinal);
        }

        return previous is not null && JsonNode.DeepEquals(Configuration(app.Json), Configuration(previous.Json));
    }

    /// <summary>The app without its version, instance count and status members.</summary>
    public static JsonObject Configuration(JsonObject app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var copy = (JsonObject)app.DeepClone();
        foreach (var member in VolatileMembers)
        {
            copy.Remove(member);
        }

        return copy;
    }

    private static string UnlabelledKind(MarathonApp app, MarathonApp? previous, ChangeRecord? record)
    {
        if (previous is null)
        {
            return record is null && app.Label(PackageLabels.Name) is not null ? ChangeRecord.Install : ChangeRecord.External;
        }

        if (record is null
            && app.Label(PackageLabels.Name) is not null
            && (!string.Equals(app.Label(PackageLabels.Version), previous.Label(PackageLabels.Version), StringComparison.Ordinal)
                || !string.Equals(app.Label(PackageLabels.Options), previous.Label(PackageLabels.Options), StringComparison.Ordinal)))
        {
            return ChangeRecord.Update;
        }

        return ChangeRecord.External;
    }
}
