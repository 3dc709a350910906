using System.Globalization;
using Universe.Builder.Bundles;

namespace Universe.Builder.Mirroring;

/// <summary>
/// Progress of a mirror run. On a terminal (<c>live</c>): one status line (artifacts done/total, bytes, rate over the
/// last redraw interval, failures so far, what is in flight) redrawn in place every <c>interval</c> on the clock of
/// <see cref="TimeProvider"/>, each failure printed above it the moment it happens, and the final state (average
/// rate) left on its own line at the end. Otherwise: one plain line per
/// finished artifact, no control characters. Thread-safe.
/// </summary>
public sealed class MirrorProgress : IDisposable
{
    /// <summary>Returns the cursor to the line start and erases the line (ANSI CSI K).</summary>
    internal const string EraseLine = "\r\u001b[K";

    private readonly TextWriter _writer;
    private readonly bool _live;
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly Lock _gate = new();
    private readonly ITimer? _timer;
    private long _bytes;
    private int _done;
    private int _failed;
    private int _total;
    private bool _disposed;
    private long _lastBytes;
    private long _lastTimestamp;
    private double _rate;

    public MirrorProgress(TextWriter writer, bool live, TimeProvider? time = null, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _writer = writer;
        _live = live;
        _time = time ?? TimeProvider.System;
        _started = _lastTimestamp = _time.GetTimestamp();
        var every = interval ?? TimeSpan.FromMilliseconds(250);
        _timer = live ? _time.CreateTimer(_ => Redraw(), null, every, every) : null;
    }

    public long Bytes => Interlocked.Read(ref _bytes);

    public TimeSpan Elapsed => _time.GetElapsedTime(_started);

    public void Start(int total) => _total = total;

    public void AddBytes(long count) => Interlocked.Add(ref _bytes, count);

    public void Finished(string artifact, bool downloaded, long size, ArtifactFailure? failure)
    {
        lock (_gate)
        {
            _done++;
            if (failure is not null)
            {
                _failed++;
            }

            if (_live)
            {
                if (failure is not null)
                {
                    // Live: the failure goes above the status line at once, and the status line comes back under it.
                    _writer.Write(EraseLine);
                    _writer.WriteLine($"FAILED {Redaction.Text(failure.Artifact)}: {failure.Cause}: {Redaction.Text(failure.Detail)}");
                    DrawStatus();
                }

                return;
            }

            var status = failure is not null ? $"FAILED {failure.Cause}: {Redaction.Text(failure.Detail)}" : downloaded ? $"fetched {PlanRenderer.Bytes(size)}" : "unchanged";
            _writer.WriteLine($"[{_done}/{_total}] {Redaction.Text(artifact)} {status}");
        }
    }

    public void Dispose()
    {
        _timer?.Dispose();
        lock (_gate)
        {
            if (_live && !_disposed)
            {
                // The final state stays on screen, on its own line.
                _rate = Bytes / Math.Max(0.001, Elapsed.TotalSeconds);
                DrawStatus();
                _writer.WriteLine();
                _writer.Flush();
            }

            _disposed = true;
        }
    }

    /// <summary>Redraws the status line (the timer calls it; tests may too).</summary>
    internal void Redraw()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            var now = _time.GetTimestamp();
            var seconds = _time.GetElapsedTime(_lastTimestamp, now).TotalSeconds;
            if (seconds > 0)
            {
                var bytes = Bytes;
                _rate = (bytes - _lastBytes) / seconds;
                _lastBytes = bytes;
                _lastTimestamp = now;
            }

            DrawStatus();
        }
    }

    private void DrawStatus()
    {
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"  {_done}/{_total} artifacts  {PlanRenderer.Bytes(Bytes)}  {PlanRenderer.Bytes((long)_rate)}/s  {_failed} failed");
        _writer.Write(EraseLine + line);
        _writer.Flush();
    }
}
