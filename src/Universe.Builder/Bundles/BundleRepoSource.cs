using Universe.Builder.Serving;

namespace Universe.Builder.Bundles;

/// <summary>
/// The bundle as a repo source for the builder's <c>/repo</c> endpoints (and the current <see cref="BundleView"/> for the
/// resource and registry endpoints). Reloaded when <c>bundle.json</c> changes (a re-mirror or an import while
/// serving), checked at most once a second; a failed reload keeps serving the previous view. Entries of
/// <c>bundle.json</c> that <see cref="BundleManifestRules"/> refuses are skipped, named once per load on
/// <paramref name="warnings"/>, and everything else is served.
/// </summary>
public sealed class BundleRepoSource(string bundleDirectory, Uri publicUrl, TimeProvider time, TextWriter? warnings = null) : IRepoSource, IDisposable
{
    private Uri _publicUrl = publicUrl;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private BundleView? _view;
    private (DateTime, long) _stamp;
    private (DateTime, long) _failedStamp;
    private long _checkedAt;

    public string Description => $"bundle {Path.GetFullPath(bundleDirectory)} as {_publicUrl}";

    /// <summary>The URL clusters reach the server at; set before the first request when it comes from the bound address.</summary>
    public Uri PublicUrl
    {
        get => _publicUrl;
        set
        {
            _publicUrl = value;
            Volatile.Write(ref _view, null);
        }
    }

    public async ValueTask<RepoSnapshot> GetSnapshotAsync(CancellationToken cancellationToken) => (await GetViewAsync(cancellationToken)).Snapshot;

    public async ValueTask<BundleView> GetViewAsync(CancellationToken cancellationToken)
    {
        var view = Volatile.Read(ref _view);
        if (view is not null && time.GetElapsedTime(Volatile.Read(ref _checkedAt)) < TimeSpan.FromSeconds(1))
        {
            return view;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var file = new FileInfo(Path.Combine(bundleDirectory, BundleManifest.FileName));
            var stamp = (file.Exists ? file.LastWriteTimeUtc : DateTime.MinValue, file.Exists ? file.Length : -1);
            if (_view is null || stamp != _stamp)
            {
                try
                {
                    _view = await BundleView.LoadAsync(bundleDirectory, _publicUrl, cancellationToken);
                    _stamp = stamp;
                    await WarnAsync(_view.Problems.Count == 0 ? null : $"{BundleManifest.FileName}: skipping {_view.Problems.Count} bad entries (the rest is served): {string.Join("; ", _view.Problems.Take(10))}");
                }
                catch (Exception e) when (_view is not null && e is not OperationCanceledException)
                {
                    var first = stamp != _failedStamp;
                    _failedStamp = stamp;
                    await WarnAsync(!first ? null : $"{BundleManifest.FileName} changed but cannot be read ({e.Message}); still serving the previous version");
                }
            }

            Volatile.Write(ref _checkedAt, time.GetTimestamp());
            return _view!;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task WarnAsync(string? message)
    {
        if (message is not null && warnings is not null)
        {
            await warnings.WriteLineAsync("Warning: " + message);
            await warnings.FlushAsync();
        }
    }
}
