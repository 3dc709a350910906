using System.Diagnostics;
using System.Globalization;
using Universe.Builder.Bundles;

namespace Universe.Builder.Mirroring;

/// <summary>
/// Progress of a mirror run: on a terminal a live status line (artifacts done/total, bytes, rate, failures) redrawn a
/// few times a second on stderr; otherwise one plain line per finished artifact. Thread-safe.
/// </summary>
public sealed class MirrorProgress : IDisposable
{
    private readonly TextWriter _writer;
    private readonly bool _live;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private readonly Timer? _timer;
    private long _bytes;
    private int _done;
    private int _failed;
    private int _total;
    private int _lastWidth;

    public MirrorProgress(TextWriter writer, bool live)
    {
        _writer = writer;
        _live = live;
        _timer = live ? new Timer(_ => Redraw(), null, TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(250)) : null;
    }

    public long Bytes => Interlocked.Read(ref _bytes);

    public TimeSpan Elapsed => _clock.Elapsed;

    public void Start(int total) => _total = total;

    public void AddBytes(long count) => Interlocked.Add(ref _bytes, count);

    public void Finished(string artifact, bool downloaded, long size, ArtifactFailure? failure)
    {
        Interlocked.Increment(ref _done);
        if (failure is not null)
        {
            Interlocked.Increment(ref _failed);
        }

        lock (_gate)
        {
            if (_live)
            {
                if (failure is not null)
                {
                    Clear();
                    _writer.WriteLine($"FAILED {failure}");
                }

                return;
            }

            var status = failure is not null ? $"FAILED {failure.Cause}: {failure.Detail}" : downloaded ? $"fetched {PlanRenderer.Bytes(size)}" : "unchanged";
            _writer.WriteLine($"[{_done}/{_total}] {Redaction.Text(artifact)} {status}");
        }
    }

    public void Dispose()
    {
        _timer?.Dispose();
        lock (_gate)
        {
            if (_live)
            {
                Clear();
            }
        }
    }

    private void Redraw()
    {
        lock (_gate)
        {
            var seconds = Math.Max(0.001, _clock.Elapsed.TotalSeconds);
            var line = string.Create(
                CultureInfo.InvariantCulture,
                $"  {_done}/{_total} artifacts  {PlanRenderer.Bytes(Bytes)}  {PlanRenderer.Bytes((long)(Bytes / seconds))}/s  {_failed} failed");
            _writer.Write("\r" + line.PadRight(_lastWidth));
            _lastWidth = line.Length;
            _writer.Flush();
        }
    }

    private void Clear()
    {
        if (_lastWidth > 0)
        {
            _writer.Write("\r" + new string(' ', _lastWidth) + "\r");
            _lastWidth = 0;
        }
    }
}
