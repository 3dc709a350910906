using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Universe.Cosmos.Tests.Packages;

namespace Universe.Cosmos.Tests.Repositories;

public sealed class RepositoryRefreshServiceTests
{
    [Fact]
    public async Task Tick_AfterRefreshPeriod_ReloadsChangedTree()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var host = await RepositoryTestHost.StartAsync(
            new() { ["Cosmos:RepositoryRefreshSeconds"] = "60" },
            configureServices: services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(time);
            });
        try
        {
            TestPackages.WriteTree(host.DefaultTree, ("zeta", 0));

            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (!host.Registry.Current.Repositories[0].Packages.Any(p => p.Name == "zeta"))
            {
                Assert.True(DateTime.UtcNow < deadline, "the refresh tick never reloaded the default tree");
                time.Advance(TimeSpan.FromSeconds(60));
                await Task.Delay(20);
            }

            var status = (await host.Registry.ListAsync(CancellationToken.None)).Single().Status;
            Assert.Equal(4, status.Packages);
            Assert.True(status.LastUpdated > DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            await host.DisposeAllAsync();
        }
    }
}
