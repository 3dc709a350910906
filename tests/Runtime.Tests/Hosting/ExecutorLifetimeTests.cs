using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Universe.Runtime.Tasks;
using Universe.Runtime.Tests.TestSupport;

namespace Universe.Runtime.Tests.Hosting;

/// <summary>The local executor's background work (the lazy container-support probe) ends with the host: stop waits for it.</summary>
public sealed class ExecutorLifetimeTests
{
    [Fact]
    public async Task HostStop_WhileTheContainerProbeRuns_WaitsForItAndNothingIsWrittenAfterwards()
    {
        var port = RuntimeProcess.FreePort().ToString(CultureInfo.InvariantCulture);
        var dataDirectory = Path.Combine(Path.GetTempPath(), "rtapi-tests", Guid.NewGuid().ToString("N"));
        await using var host = await RuntimeTestHost.StartAsync(
            new Dictionary<string, string?>
            {
                ["Runtime:LocalAgent:Enabled"] = "true",
                ["Runtime:LocalAgent:Resources"] = "cpus:1;mem:256;disk:100;ports:[" + port + "-" + port + "]",
                ["Runtime:SimulatedAgents:Count"] = "0",
            },
            dataDirectory: dataDirectory);
        var executor = host.Services.GetRequiredService<ITaskExecutor>();

        var probe = executor.GetContainerSupportAsync();
        await host.StopAsync();

        Assert.True(probe.IsCompleted, "the host stopped while the container-support probe was still running");
        var after = Snapshot(dataDirectory);
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.Equal(after, Snapshot(dataDirectory));
        Assert.DoesNotContain(after, entry => entry.Contains("overlay-probe-", StringComparison.Ordinal));
    }

    private static List<string> Snapshot(string directory) =>
        [.. new DirectoryInfo(directory).EnumerateFileSystemInfos("*", SearchOption.AllDirectories)
            .Select(e => e.FullName + " " + (e is FileInfo f ? f.Length : -1).ToString(CultureInfo.InvariantCulture) + " " + e.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture))
            .Order(StringComparer.Ordinal)];
}
