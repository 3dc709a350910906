using System.Runtime.Versioning;

namespace Universe.Runtime.Containers;

/// <summary>
/// The host's container support, probed once on first use (runc version, overlay mount probe in the store). The probe is
/// tied to the executor's lifetime: <see cref="StopAsync"/> cancels it and waits until it has finished, so nothing is
/// written into the store after the host stopped, and no probe starts afterwards.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class LazyContainerSupport(ContainerOptions options, string store) : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _sync = new();
    private Task<ContainerSupport>? _probe;

    /// <summary>The probe's result; the first call starts it. Cancelled once the executor stopped.</summary>
    public Task<ContainerSupport> GetAsync()
    {
        lock (_sync)
        {
            if (_probe is null && _stopping.IsCancellationRequested)
            {
                return Task.FromCanceled<ContainerSupport>(_stopping.Token);
            }

            return _probe ??= Task.Run(() => ProbeAsync(_stopping.Token));
        }
    }

    /// <summary>True once the probe finished and found a working overlayfs (a copy rootfs otherwise).</summary>
    public bool Overlay => _probe is { IsCompletedSuccessfully: true } probe && probe.Result.Overlayfs;

    /// <summary>Cancels a running probe and waits for it to end.</summary>
    public async Task StopAsync()
    {
        Task? probe;
        lock (_sync)
        {
            _stopping.Cancel();
            probe = _probe;
        }

        if (probe is not null)
        {
            await probe.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    public void Dispose() => _stopping.Dispose();

    private async Task<ContainerSupport> ProbeAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Directory.CreateDirectory(store);
        return await ContainerSupportProbe.ProbeAsync(options, store, cancellationToken);
    }
}
