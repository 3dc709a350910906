using System.Diagnostics;

namespace Universe.Builder.Build;

/// <summary>
/// Phase timings for profiling a run: with <c>UNIVERSE_TIMINGS=1</c> in the environment each phase's wall time (since
/// the previous mark and since process start) goes to stderr; otherwise nothing is measured or written.
/// </summary>
public static class PhaseTimings
{
    private static readonly bool Enabled = Environment.GetEnvironmentVariable("UNIVERSE_TIMINGS") == "1";
    private static long _last = Stopwatch.GetTimestamp();
    private static TimeSpan _lastCpu;

    /// <summary>Marks the end of the phase <paramref name="phase"/>.</summary>
    public static void Mark(string phase)
    {
        if (!Enabled)
        {
            return;
        }

        var now = Stopwatch.GetTimestamp();
        using var process = Process.GetCurrentProcess();
        var sinceStart = DateTime.Now - process.StartTime;
        var cpu = process.TotalProcessorTime;
        Console.Error.WriteLine($"timing: {phase,-24} {Stopwatch.GetElapsedTime(_last, now).TotalMilliseconds,8:F1} ms wall {(cpu - _lastCpu).TotalMilliseconds,7:F0} ms cpu (at {sinceStart.TotalMilliseconds:F0} ms, cpu {cpu.TotalMilliseconds:F0} ms, GC {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}, heap {GC.GetTotalMemory(false) >> 20} MB, jit {System.Runtime.JitInfo.GetCompiledMethodCount()} methods {System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds:F0} ms)");
        _lastCpu = cpu;
        _last = Stopwatch.GetTimestamp();
    }
}
