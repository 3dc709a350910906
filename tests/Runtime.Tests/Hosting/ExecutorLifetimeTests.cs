using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Universe.Runtime.Tasks;
using Universe.Runtime.Tests.TestSupport;

namespace Universe.Runtime.Tests.Hosting;

/// <summary>
/// The Runtime's background work (the lazy container-support probe, the sweep after recovery, launches) ends with the host:
/// stop waits for it, and nothing under the data directory changes once stop returned.
/// </summary>
public sealed class ExecutorLifetimeTests
{
    [Fact]
    public async Task HostStop_WhileTheContainerProbeRuns_WaitsForItAndNothingIsWrittenAfterwards()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "rtapi-tests", Guid.NewGuid().ToString("N"));
        await using var host = await StartWithLocalAgentAsync(dataDirectory);
        var executor = host.Services.GetRequiredService<ITaskExecutor>();

        var probe = executor.GetContainerSupportAsync();
        await host.StopAsync();

        Assert.True(probe.IsCompleted, "the host stopped while the container-support probe was still running");
        var after = Snapshot(dataDirectory);
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.Equal(after, Snapshot(dataDirectory));
        Assert.DoesNotContain(after, entry => entry.Contains("overlay-probe-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HostStartThenStop_Repeatedly_NothingChangesUnderTheDataDirectoryAfterStopReturns()
    {
        for (var round = 0; round < 8; round++)
        {
            var dataDirectory = Path.Combine(Path.GetTempPath(), "rtapi-tests", Guid.NewGuid().ToString("N"));
            await using (var host = await StartWithLocalAgentAsync(dataDirectory))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(round % 8 * 5));
                await host.StopAsync();

                var after = Snapshot(dataDirectory);
                var writers = ProcessesNaming(dataDirectory);
                await Task.Delay(TimeSpan.FromMilliseconds(150));
                Assert.True(writers.Count == 0, $"round {round}: still running after stop: {string.Join(" | ", writers)}");
                AssertUnchanged(after, Snapshot(dataDirectory), $"round {round}, after the host stopped");
            }

            Assert.False(Directory.Exists(dataDirectory), $"round {round}: the data directory could not be deleted right after the host stopped");
        }
    }

    [Fact]
    public async Task HostStop_WhileTheRecoverySweepRemovesStaleBundles_WaitsForItAndNothingChangesAfterwards()
    {
        const int Bundles = 3;
        var dataDirectory = Path.Combine(Path.GetTempPath(), "rtapi-tests", Guid.NewGuid().ToString("N"));
        var bundles = Path.Combine(dataDirectory, "containers", "bundles");
        for (var bundle = 0; bundle < Bundles; bundle++)
        {
            for (var file = 0; file < 3000; file++)
            {
                var directory = Path.Combine(bundles, "stale-" + bundle.ToString(CultureInfo.InvariantCulture), "rootfs", "d" + (file % 30).ToString(CultureInfo.InvariantCulture));
                Directory.CreateDirectory(directory);
                File.Create(Path.Combine(directory, "f" + file.ToString(CultureInfo.InvariantCulture))).Dispose();
            }
        }

        await using var host = await StartWithLocalAgentAsync(dataDirectory);
        await RuntimeTestHost.WaitUntilAsync(
            () => Task.FromResult(Directory.GetDirectories(bundles).Length < Bundles), "the recovery sweep removed the first stale bundle", TimeSpan.FromSeconds(30));

        await host.StopAsync();

        var after = Snapshot(dataDirectory);
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        AssertUnchanged(after, Snapshot(dataDirectory), "after the host stopped during the recovery sweep");
    }

    /// <summary>Command lines of the processes that name <paramref name="directory"/> (runc, CNI plugins, shims).</summary>
    private static List<string> ProcessesNaming(string directory)
    {
        var found = new List<string>();
        foreach (var proc in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var cmdline = File.ReadAllText(Path.Join(proc, "cmdline")).Replace('\0', ' ');
                if (cmdline.Contains(directory, StringComparison.Ordinal))
                {
                    found.Add(Path.GetFileName(proc) + ": " + cmdline);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return found;
    }

    /// <summary>A Runtime with its local agent (one free host port) and no simulated agent, so the executor and its store are in play.</summary>
    private static Task<RuntimeTestHost> StartWithLocalAgentAsync(string dataDirectory)
    {
        var port = RuntimeProcess.FreePort().ToString(CultureInfo.InvariantCulture);
        return RuntimeTestHost.StartAsync(
            new Dictionary<string, string?>
            {
                ["Runtime:LocalAgent:Enabled"] = "true",
                ["Runtime:LocalAgent:Resources"] = "cpus:1;mem:256;disk:100;ports:[" + port + "-" + port + "]",
                ["Runtime:SimulatedAgents:Count"] = "0",
            },
            dataDirectory: dataDirectory);
    }

    private static void AssertUnchanged(List<string> before, List<string> later, string phase)
    {
        var changed = before.Except(later).Select(e => "- " + e).Concat(later.Except(before).Select(e => "+ " + e)).ToList();
        Assert.True(changed.Count == 0, $"{changed.Count} entries changed {phase}: {string.Join("; ", changed.Take(4))}");
    }

    private static List<string> Snapshot(string directory) =>
        [.. new DirectoryInfo(directory).EnumerateFileSystemInfos("*", SearchOption.AllDirectories)
            .Select(e => e.FullName + " " + (e is FileInfo f ? f.Length : -1).ToString(CultureInfo.InvariantCulture) + " " + e.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture))
            .Order(StringComparer.Ordinal)];
}
