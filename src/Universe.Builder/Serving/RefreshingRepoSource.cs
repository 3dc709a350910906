namespace Universe.Builder.Serving;

/// <summary>
/// A source over a directory that reloads when the directory changes: on a request at most once per
/// <see cref="CheckInterval"/>, it stats the files (<see cref="DirectoryStamp"/>) and, when they differ, loads a new
/// snapshot. One load at a time; if a load fails the previous snapshot keeps being served.
/// </summary>
public abstract class RefreshingRepoSource : IRepoSource, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TimeProvider _time;
    private RepoSnapshot? _snapshot;
    private DirectoryStamp _stamp;
    private long _checkedAt;

    protected RefreshingRepoSource(string directory, TimeSpan checkInterval, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(directory);
        Directory = Path.GetFullPath(directory);
        CheckInterval = checkInterval;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The directory watched.</summary>
    public string Directory { get; }

    /// <summary>The shortest time between two change checks.</summary>
    public TimeSpan CheckInterval { get; }

    public abstract string Description { get; }

    /// <summary>How many times a snapshot was loaded (tests and logs).</summary>
    public int Loads { get; private set; }

    /// <summary>The error of the last failed load, or null.</summary>
    public string? LastError { get; private set; }

    public async ValueTask<RepoSnapshot> GetSnapshotAsync(CancellationToken cancellationToken)
    {
        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot is not null && _time.GetElapsedTime(Volatile.Read(ref _checkedAt)) < CheckInterval)
        {
            return snapshot;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            snapshot = _snapshot;
            if (snapshot is not null && _time.GetElapsedTime(_checkedAt) < CheckInterval)
            {
                return snapshot;
            }

            var stamp = await Task.Run(() => DirectoryStamp.Compute(Directory), cancellationToken);
            if (snapshot is null || stamp != _stamp)
            {
                try
                {
                    // Last-Modified must move forward on every change, even when the newest file is older (a deletion) or in the same second.
                    var lastModified = snapshot is not null && stamp.Newest < snapshot.LastModified.AddSeconds(1) ? snapshot.LastModified.AddSeconds(1) : stamp.Newest;
                    snapshot = await Task.Run(() => Load(lastModified, cancellationToken), cancellationToken);
                    Volatile.Write(ref _snapshot, snapshot);
                    _stamp = stamp;
                    Loads++;
                    LastError = null;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or System.Text.Json.JsonException && _snapshot is not null)
                {
                    LastError = e.Message;
                    snapshot = _snapshot;
                }
            }

            Volatile.Write(ref _checkedAt, _time.GetTimestamp());
            return snapshot!;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Loads a snapshot of <see cref="Directory"/> whose files last changed at <paramref name="lastModified"/>.</summary>
    protected abstract RepoSnapshot Load(DateTimeOffset lastModified, CancellationToken cancellationToken);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gate.Dispose();
        }
    }
}
