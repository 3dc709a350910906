using Universe.Cosmos.Marathon;

namespace Universe.Cosmos.Services.Lifecycle;

/// <summary>A service's live app and its classified versions, oldest first.</summary>
internal sealed record LoadedHistory(MarathonApp Current, IReadOnlyList<ClassifiedVersion> Versions)
{
    public ClassifiedVersion? Newest => Versions.Count == 0 ? null : Versions[^1];
}
