using Microsoft.Extensions.Options;
using Universe.Runtime.Resources;

namespace Universe.Runtime.Agents;

/// <summary>
/// The local agent's view of host ports that something other than this Runtime's tasks holds: listeners and bound
/// sockets of any process and ports forwarded into containers by CNI portmap (<see cref="HostPortProbe"/>; the latter
/// refreshed in the background every <see cref="ForwardedMaxAge"/>), and ports that another Runtime on this machine has claimed
/// (<see cref="HostPortLocks"/>). The allocator treats them as unavailable; a placement is launched only after its
/// ports are claimed and pass a bind test, so two Runtimes never hand out the same port.
/// </summary>
internal sealed partial class LocalHostPorts : IDisposable
{
    /// <summary>How long a port that failed a claim or bind test stays out of the allocator's pool before it is tried again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(30);

    private readonly HostPortLocks _locks;
    private readonly TimeProvider _time;
    private readonly ILogger<LocalHostPorts> _logger;
    private readonly Dictionary<int, DateTimeOffset> _refused = [];
    private readonly Lock _sync = new();
    private DateTimeOffset _lastExhaustedLog = DateTimeOffset.MinValue;
    private IReadOnlySet<int> _forwarded = new HashSet<int>();
    private DateTimeOffset _forwardedAt = DateTimeOffset.MinValue;
    private Task? _forwardedRefresh;

    public LocalHostPorts(IOptions<RuntimeOptions> options, AgentRegistry agents, TimeProvider time, ILogger<LocalHostPorts> logger)
    {
        var directory = options.Value.LocalAgent.HostPortLockDirectory;
        _locks = new HostPortLocks(string.IsNullOrWhiteSpace(directory) ? LocalAgentOptions.DefaultHostPortLockDirectory : directory);
        _time = time;
        _logger = logger;
        if (agents.Agents.Any(a => !a.Simulated))
        {
            RefreshForwarded();
        }
    }

    /// <summary>How old the list of portmap-forwarded ports may get before the next allocation refreshes it (in the background).</summary>
    public static readonly TimeSpan ForwardedMaxAge = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Ports in <paramref name="ranges"/> held by something else: listening/bound now, or refused within the last
    /// <see cref="RetryAfter"/>. <paramref name="own"/> (this Runtime's active tasks' ports) are left out: the
    /// allocator counts them as those tasks' own.
    /// </summary>
    public IReadOnlyList<int> HeldByOthers(IReadOnlyList<PortRange> ranges, IReadOnlySet<int> own)
    {
        if (ranges.Count == 0)
        {
            return [];
        }

        var min = ranges.Min(r => r.Begin);
        var max = ranges.Max(r => r.End);
        var held = HostPortProbe.ReadHeldPorts(min, max);
        var now = _time.GetUtcNow();
        lock (_sync)
        {
            held.UnionWith(_forwarded.Where(p => p >= min && p <= max));
            if (now - _forwardedAt > ForwardedMaxAge)
            {
                RefreshForwarded();
            }

            foreach (var (port, until) in _refused.ToList())
            {
                if (until <= now)
                {
                    _refused.Remove(port);
                }
                else
                {
                    held.Add(port);
                }
            }
        }

        held.ExceptWith(own);
        return [.. held.Where(p => ranges.Any(r => r.Contains(p))).Order()];
    }

    /// <summary>
    /// Claims the host ports of one placement: the machine-wide claim, then a bind test. On a failure the ports claimed
    /// here are released, the failing port (<paramref name="refused"/>) is remembered as held for <see cref="RetryAfter"/>,
    /// and the result is false.
    /// </summary>
    public bool TryClaim(IReadOnlyList<int> ports, out int refused)
    {
        refused = 0;
        for (var i = 0; i < ports.Count; i++)
        {
            if (!_locks.TryClaim(ports[i]) || !HostPortProbe.CanBind(ports[i]))
            {
                // Release is a no-op for a port not held, so this also covers ports[i] whether or not its claim succeeded.
                for (var j = 0; j <= i; j++)
                {
                    _locks.Release(ports[j]);
                }

                lock (_sync)
                {
                    _refused[ports[i]] = _time.GetUtcNow() + RetryAfter;
                }

                LogPortHeld(ports[i]);
                refused = ports[i];
                return false;
            }
        }

        return true;
    }

    public void Release(IReadOnlyList<int> ports)
    {
        foreach (var port in ports)
        {
            _locks.Release(port);
        }
    }

    /// <summary>Keeps claims exactly on <paramref name="own"/>: ended tasks release theirs, re-adopted tasks claim theirs again.</summary>
    public void Sync(IReadOnlySet<int> own) => _locks.Sync(own);

    /// <summary>Says (at most once a minute) that apps wait because the range is used up, and how much of it others hold.</summary>
    public void ReportExhausted(string agentId, IReadOnlyList<PortRange> ranges, int heldByOthers, IReadOnlyList<string> waitingApps)
    {
        var now = _time.GetUtcNow();
        if (waitingApps.Count == 0 || now - _lastExhaustedLog < TimeSpan.FromMinutes(1))
        {
            return;
        }

        _lastExhaustedLog = now;
        LogExhausted(agentId, string.Join(',', ranges), heldByOthers, string.Join(", ", waitingApps));
    }

    public void Dispose() => _locks.Dispose();

    /// <summary>Starts reading portmap's forwarded ports unless a read is running (iptables is a process: never under the state lock).</summary>
    private void RefreshForwarded()
    {
        lock (_sync)
        {
            if (_forwardedRefresh is { IsCompleted: false })
            {
                return;
            }

            _forwardedAt = _time.GetUtcNow();
            _forwardedRefresh = Task.Run(async () =>
            {
                var ports = await HostPortProbe.ReadDnatPortsAsync(CancellationToken.None);
                lock (_sync)
                {
                    _forwarded = ports;
                }
            });
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Host port {Port} is held by another process or Runtime; skipped")]
    private partial void LogPortHeld(int port);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Insufficient host ports on agent {AgentId}: the range [{Ranges}] is exhausted ({HeldByOthers} held by other processes or Runtimes); waiting: {Apps}")]
    private partial void LogExhausted(string agentId, string ranges, int heldByOthers, string apps);
}
