using System.IO.Compression;
using System.Runtime.Versioning;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Universe.Runtime.Tasks;

namespace Universe.Runtime.Bench;

/// <summary>
/// The local task executor's costs: launching a real process up to TASK_FINISHED (no cgroups), building Marathon's
/// environment, and extracting a zip. Run:
/// <c>dotnet run -c Release --project bench/Runtime.Bench -- --filter '*TaskExecutor*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
[SupportedOSPlatform("linux")]
public class TaskExecutorBenchmarks
{
    private readonly TaskLaunchRequest _request = new(
        "bench.1", "/bench/app", "2026-01-01T00:00:00.000Z", "true", null,
        new Dictionary<string, string> { ["A"] = "1", ["B"] = "2" }, [], 1, 128, 0, [31000, 31001], ["http", null],
        new Dictionary<string, string> { ["DCOS_PACKAGE_NAME"] = "hello", ["DCOS_PACKAGE_VERSION"] = "1.0", ["com.example/x"] = "y" },
        [], TimeSpan.FromSeconds(1), null, "127.0.0.1");

    private string _directory = null!;
    private LocalTaskExecutor _executor = null!;
    private string _zip = null!;
    private int _counter;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "rtexec-bench-" + Guid.NewGuid().ToString("N"));
        var options = new TaskExecutorOptions { DataDirectory = _directory, Cgroups = "none" };
        _executor = LocalTaskExecutor.Create(options, TimeProvider.System, NullLogger<LocalTaskExecutor>.Instance);
        _zip = Path.Combine(_directory, "bench.zip");
        using var file = File.Create(_zip);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        var random = new Random(1);
        var buffer = new byte[256 * 1024];
        for (var i = 0; i < 16; i++)
        {
            random.NextBytes(buffer);
            using var entry = zip.CreateEntry("dir" + (i % 4) + "/file" + i + ".bin", CompressionLevel.NoCompression).Open();
            entry.Write(buffer);
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _executor.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark]
    public async Task<string> LaunchTrueUntilFinished()
    {
        var id = "bench." + Interlocked.Increment(ref _counter);
        await _executor.LaunchAsync(_request with { TaskId = id }, CancellationToken.None);
        while (true)
        {
            var update = await _executor.Updates.ReadAsync();
            if (update.TaskId == id && update.State is TaskState.Finished or TaskState.Failed)
            {
                return update.State.ToString();
            }
        }
    }

    [Benchmark]
    public Dictionary<string, string> BuildEnvironment() => MarathonTaskEnvironment.Build(_request, "/sandboxes/bench.1", "/usr/bin:/bin");

    [Benchmark]
    public async Task ExtractZip4MiB()
    {
        var target = Path.Combine(_directory, "out-" + Interlocked.Increment(ref _counter));
        await new ArchiveExtractor(1L << 30, 1000).ExtractAsync(_zip, ArchiveKind.Zip, target, CancellationToken.None);
        Directory.Delete(target, recursive: true);
    }
}
