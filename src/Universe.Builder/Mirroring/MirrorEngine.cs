using System.Collections.Concurrent;
using Universe.Builder.Bundles;
using Universe.Cosmos.Packages;
using Universe.Registry;

namespace Universe.Builder.Mirroring;

/// <summary>
/// Runs a <see cref="MirrorPlan"/> against a bundle: every distinct URL and image once, <c>jobs</c> at a time; a
/// failure is recorded against every package that uses the artifact and the others go on (or, with fail-fast, the run
/// stops and what was not tried is recorded as such). The bundle manifest is written atomically at the end (and only when
/// it changed), so an interrupted run leaves the previous manifest (and its blobs) intact.
/// </summary>
public sealed class MirrorEngine(BlobStore blobs, HttpResourceFetcher fetcher, IImageMirror images, MirrorProgress progress)
{
    public async Task<MirrorOutcome> RunAsync(
        MirrorPlan plan, BundleManifest? previous, string source, IReadOnlyList<string> dcosVersions, int jobs, bool failFast, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var resources = new ConcurrentDictionary<string, ResourceFetchResult>(StringComparer.Ordinal);
        var pulled = new ConcurrentDictionary<string, ImageFetchResult>(StringComparer.Ordinal);
        var work = plan.Resources.Select(r => (Resource: (PlannedResource?)r, Image: (PlannedImage?)null))
            .Concat(plan.Images.Select(i => (Resource: (PlannedResource?)null, Image: (PlannedImage?)i)))
            .ToArray();
        progress.Start(work.Length);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            await Parallel.ForEachAsync(
                work,
                new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, jobs), CancellationToken = stop.Token },
                async (item, ct) =>
                {
                    ArtifactFailure? failure;
                    if (item.Resource is { } resource)
                    {
                        var before = previous?.Resources.GetValueOrDefault(resource.Url);
                        var result = await Guarded(
                            resource.Url, () => fetcher.FetchAsync(resource, before, progress.AddBytes, ct), f => ResourceFetchResult.Failed(resource.Url, f.Cause, f.Detail), ct);
                        resources[resource.Url] = result;
                        failure = result.Failure;
                        progress.Finished(resource.Url, result.Downloaded, result.Entry?.Size ?? 0, failure);
                    }
                    else
                    {
                        var image = item.Image!;
                        var before = previous?.Images.GetValueOrDefault(image.Reference);
                        var result = await Guarded(
                            image.Reference, () => images.MirrorAsync(image.Reference, before, progress.AddBytes, ct), f => new ImageFetchResult(image.Reference, null, false, f), ct);
                        pulled[image.Reference] = result;
                        failure = result.Failure;
                        progress.Finished(image.Reference, result.Downloaded, 0, failure);
                    }

                    if (failure is not null && failFast)
                    {
                        await stop.CancelAsync();
                    }
                });
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // --fail-fast: what was not tried is recorded below.
        }

        var repository = await StoreRepositoryAsync(plan, cancellationToken);
        var packages = plan.Packages.Select(p => Entry(p, resources, pulled)).ToArray();
        var manifest = new BundleManifest
        {
            Source = Redaction.Url(source),
            DcosVersions = dcosVersions,
            Repository = repository,
            Resources = new SortedDictionary<string, ResourceEntry>(
                Kept(plan.Resources.Select(r => r.Url), url => resources.GetValueOrDefault(url)?.Entry, url => previous?.Resources.GetValueOrDefault(url), e => [e.Digest]),
                StringComparer.Ordinal),
            Images = new SortedDictionary<string, ImageEntry>(
                Kept(plan.Images.Select(i => i.Reference), reference => pulled.GetValueOrDefault(reference)?.Entry, reference => previous?.Images.GetValueOrDefault(reference), e => e.Blobs),
                StringComparer.Ordinal),
            Packages = packages,
        };
        await manifest.WriteIfChangedAsync(blobs.Root, cancellationToken);
        var failures = resources.Values.Select(r => r.Failure).Concat(pulled.Values.Select(i => i.Failure)).OfType<ArtifactFailure>()
            .OrderBy(f => f.Artifact, StringComparer.Ordinal).ToArray();
        return new MirrorOutcome(
            manifest,
            resources.Values.Count(r => r.Downloaded) + pulled.Values.Count(i => i.Downloaded),
            resources.Values.Count(r => r.Failure is null && !r.Downloaded) + pulled.Values.Count(i => i.Failure is null && !i.Downloaded),
            progress.Bytes,
            progress.Elapsed,
            failures);
    }

    /// <summary>
    /// One artifact's fetch, with anything it throws (other than the run's own cancellation) recorded as that
    /// artifact's failure: a malformed answer from one server never ends the run or loses the others' work.
    /// </summary>
    private static async Task<T> Guarded<T>(string artifact, Func<Task<T>> fetch, Func<ArtifactFailure, T> failed, CancellationToken cancellationToken)
    {
        try
        {
            return await fetch();
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return failed(new ArtifactFailure(artifact, FailureCause.InvalidResponse, Redaction.Text($"{e.GetType().Name}: {e.Message}")));
        }
    }

    /// <summary>
    /// Every planned artifact's entry: the one fetched now, or, when it failed or was not tried (<c>--fail-fast</c>),
    /// the previous copy while its blobs are all still stored (still served; the package is marked incomplete all the same).
    /// </summary>
    private Dictionary<string, TEntry> Kept<TEntry>(IEnumerable<string> planned, Func<string, TEntry?> fetched, Func<string, TEntry?> previous, Func<TEntry, IEnumerable<string>> digests)
        where TEntry : class
    {
        var kept = new Dictionary<string, TEntry>(StringComparer.Ordinal);
        foreach (var key in planned)
        {
            if (fetched(key) is { } entry)
            {
                kept[key] = entry;
            }
            else if (previous(key) is { } old && digests(old).All(d => ContentDigest.IsValid(d) && blobs.Has(d)))
            {
                kept[key] = old;
            }
        }

        return kept;
    }

    private async Task<BlobReference> StoreRepositoryAsync(MirrorPlan plan, CancellationToken cancellationToken)
    {
        var bytes = await RepoIndexWriter.ToBytesAsync(plan.Packages.Select(p => p.Package), cancellationToken: cancellationToken);
        return new BlobReference(await blobs.ImportAsync(bytes, cancellationToken: cancellationToken), bytes.Length);
    }

    private static PackageEntry Entry(
        PackageArtifacts artifacts,
        ConcurrentDictionary<string, ResourceFetchResult> resources,
        ConcurrentDictionary<string, ImageFetchResult> images)
    {
        var failures = new List<ArtifactFailure>();
        foreach (var r in artifacts.Resources)
        {
            failures.Add(resources.TryGetValue(r.Url, out var result)
                ? result.Failure!
                : new ArtifactFailure(r.Url, FailureCause.NotAttempted, "not attempted: the run stopped at the first failure (--fail-fast)"));
        }

        foreach (var i in artifacts.Images)
        {
            failures.Add(images.TryGetValue(i, out var result)
                ? result.Failure!
                : new ArtifactFailure(i, FailureCause.NotAttempted, "not attempted: the run stopped at the first failure (--fail-fast)"));
        }

        return new PackageEntry(
            artifacts.Package.Name,
            artifacts.Package.Version,
            artifacts.Package.ReleaseVersion,
            [.. artifacts.Resources.Select(r => r.Url)],
            [.. artifacts.Images],
            [.. failures.Where(f => f is not null)]);
    }
}
