using System.Collections.Immutable;
using Universe.Cosmos.Errors;

namespace Universe.Cosmos.Repositories;

/// <summary>
/// The configured repositories in priority order and what each one serves: the <see cref="IPackageCatalog"/>.
/// Mutations (add, delete, refresh results) are serialised; readers see immutable snapshots swapped atomically.
/// Every repository is fetched on its own, so one broken repository never breaks the others.
/// </summary>
internal sealed partial class RepositoryRegistry(
    RepositoryStore store,
    RepositorySourceFactory sources,
    DefaultRepositoryLocator defaults,
    LocalRepositoryPolicy policy,
    TimeProvider time,
    Metrics.CosmosMetrics metrics,
    ILogger<RepositoryRegistry> logger) : IPackageCatalog, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly TaskCompletionSource _listReady = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _loaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ImmutableArray<RepositoryState> _entries = [];
    private CatalogSnapshot _snapshot = new([], 0);
    private long _nextId;

    public CatalogSnapshot Current => Volatile.Read(ref _snapshot);

    public async Task<CatalogSnapshot> GetAsync(CancellationToken cancellationToken)
    {
        await _loaded.Task.WaitAsync(cancellationToken);
        return Current;
    }

    /// <summary>Completes once every repository was loaded (or failed) once.</summary>
    public Task Loaded => _loaded.Task;

    /// <summary>Reads the saved list (or registers the default one on first start), then loads every repository in parallel.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                var saved = await store.LoadAsync(cancellationToken);
                var list = saved ?? await DefaultListAsync(cancellationToken);
                _entries = [.. list.Select(NewState)];
                Publish();
            }
            finally
            {
                _gate.Release();
            }

            _listReady.TrySetResult();
            await RefreshAllAsync(cancellationToken);
            _loaded.TrySetResult();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _listReady.TrySetCanceled(cancellationToken);
            _loaded.TrySetCanceled(cancellationToken);
            throw;
        }
        catch (Exception e)
        {
            _listReady.TrySetException(e);
            _loaded.TrySetException(e);
            throw;
        }
    }

    /// <summary>Fetches every repository in parallel and applies each result as it arrives.</summary>
    public async Task RefreshAllAsync(CancellationToken cancellationToken)
    {
        var entries = _entries;
        await Task.WhenAll(entries.Select(entry => RefreshAsync(entry, cancellationToken)));
    }

    public async Task<IReadOnlyList<RepositoryListEntry>> ListAsync(CancellationToken cancellationToken)
    {
        await _listReady.Task.WaitAsync(cancellationToken);
        return ToList(_entries);
    }

    public async Task<IReadOnlyList<RepositoryListEntry>> AddAsync(RepositoryAddRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Name) || string.IsNullOrWhiteSpace(request.Uri))
        {
            throw new CosmosException(new RepoNameOrUriMissing());
        }

        var repository = new PackageRepository(request.Name, request.Uri);
        if (!RepositoryLocation.TryParse(request.Uri, out var location, out var cause, out var unsupported))
        {
            throw new CosmosException(unsupported ? new UnsupportedRepositoryUri(request.Uri) : new RepositoryUriSyntax(repository, cause));
        }

        if (location.IsLocal && !policy.AllowsLocalRepositories())
        {
            throw new CosmosException(new UnsupportedRepositoryUri(request.Uri));
        }

        await _listReady.Task.WaitAsync(cancellationToken);
        CheckAddable(_entries, repository, request.Index);
        var state = NewState(repository, location);
        var fetched = RepositoryLoader.Apply(state, await state.Source.FetchAsync(null, cancellationToken), time.GetUtcNow());

        await _gate.WaitAsync(cancellationToken);
        try
        {
            CheckAddable(_entries, repository, request.Index);
            var entries = _entries.Insert(request.Index ?? _entries.Length, fetched);
            await store.SaveAsync([.. entries.Select(e => e.Repository)], cancellationToken);
            _entries = entries;
            Publish();
            LogAdded(repository.Name, repository.Uri, fetched.Packages.Count);
            return ToList(entries);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<RepositoryListEntry>> DeleteAsync(RepositoryDeleteRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (name, uri) = (NullIfEmpty(request.Name), NullIfEmpty(request.Uri));
        if (name is null && uri is null)
        {
            throw new CosmosException(new RepoNameOrUriMissing());
        }

        await _listReady.Task.WaitAsync(cancellationToken);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var index = FindIndex(_entries, e => (name is null || e.Repository.Name == name) && (uri is null || e.Repository.Uri == uri));
            if (index < 0)
            {
                throw new CosmosException(new RepositoryNotPresent(name, uri));
            }

            var removed = _entries[index];
            var entries = _entries.RemoveAt(index);
            await store.SaveAsync([.. entries.Select(e => e.Repository)], cancellationToken);
            _entries = entries;
            Publish();
            if (removed.Source is GitRepositorySource git && !entries.Any(e => e.Source is GitRepositorySource other && other.Remote == git.Remote))
            {
                git.DeleteClone();
            }

            LogDeleted(name ?? uri!);
            return ToList(entries);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private static void CheckAddable(ImmutableArray<RepositoryState> entries, PackageRepository repository, int? index)
    {
        var nameTaken = entries.Any(e => e.Repository.Name == repository.Name);
        var uriTaken = entries.Any(e => e.Repository.Uri == repository.Uri);
        if (nameTaken || uriTaken)
        {
            throw new CosmosException(new RepositoryAlreadyPresent(nameTaken ? repository.Name : null, uriTaken ? repository.Uri : null));
        }

        if (index is { } i && (i < 0 || i > entries.Length))
        {
            throw new CosmosException(new RepositoryAddIndexOutOfBounds(i, entries.Length));
        }
    }

    private async Task<IReadOnlyList<PackageRepository>> DefaultListAsync(CancellationToken cancellationToken)
    {
        var repository = defaults.Find();
        if (repository is null)
        {
            LogNoDefault();
            return [];
        }

        LogDefault(repository.Uri);
        await store.SaveAsync([repository], cancellationToken);
        return [repository];
    }

    private async Task RefreshAsync(RepositoryState entry, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var next = await RepositoryLoader.LoadAsync(entry, time, cancellationToken);
        metrics.RepositoryRefreshed(time.GetElapsedTime(started), failed: next.Status.State == RepositoryStatus.Error);
        if (next.Status.State == RepositoryStatus.Error)
        {
            LogFailed(entry.Repository.Name, next.Status.Message);
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var index = FindIndex(_entries, e => e.Id == entry.Id);
            if (index >= 0 && !ReferenceEquals(_entries[index], next))
            {
                _entries = _entries.SetItem(index, next);
                Publish();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private RepositoryState NewState(PackageRepository repository)
    {
        if (RepositoryLocation.TryParse(repository.Uri, out var location, out var cause, out _))
        {
            return NewState(repository, location);
        }

        return new RepositoryState(Interlocked.Increment(ref _nextId), repository, new FailingSource(new RepositoryUriSyntax(repository, cause)), [], Loading(), null);
    }

    private RepositoryState NewState(PackageRepository repository, RepositoryLocation location) =>
        new(Interlocked.Increment(ref _nextId), repository, sources.Create(repository, location), [], Loading(), null);

    private static RepositoryStatus Loading() => new(RepositoryStatus.Loading, null, 0, null);

    private void Publish()
    {
        var entries = _entries;
        var repositories = new RepositoryPackages[entries.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            repositories[i] = new RepositoryPackages(i, entries[i].Repository.Name, entries[i].Repository.Uri, entries[i].Packages);
        }

        Volatile.Write(ref _snapshot, new CatalogSnapshot(repositories, Current.Generation + 1));
    }

    private static RepositoryListEntry[] ToList(ImmutableArray<RepositoryState> entries) => [.. entries.Select(e => e.ToListEntry())];

    private static int FindIndex(ImmutableArray<RepositoryState> entries, Func<RepositoryState, bool> match)
    {
        for (var i = 0; i < entries.Length; i++)
        {
            if (match(entries[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private sealed class FailingSource(CosmosError error) : IRepositorySource
    {
        public Task<RepositoryFetchResult> FetchAsync(string? validator, CancellationToken cancellationToken) =>
            Task.FromException<RepositoryFetchResult>(new CosmosException(error));
    }
}
