using Microsoft.Extensions.Logging;
using Universe.Cosmos.Tests.TestSupport;

namespace Universe.Cosmos.Tests.Http;

/// <summary>A Cosmos listening off loopback without <c>Cosmos:Auth:Token</c> says so in its log when it starts, and only then.</summary>
public sealed class ListenAddressWarningTests
{
    [Theory]
    [InlineData("http://0.0.0.0:7070")]
    [InlineData("http://[::]:7070")]
    [InlineData("http://127.0.0.1:7070", "http://10.0.0.5:7070")]
    public async Task NonLoopbackWithoutToken_WarnsAtStart(params string[] addresses)
    {
        using var logs = new CapturedLogs();

        await using (await RpcTestHost.StartAsync(logs, token: null, addresses))
        {
        }

        var warning = Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("non-loopback", StringComparison.Ordinal));
        Assert.StartsWith("Cosmos listens on a non-loopback address without a token", warning.Message, StringComparison.Ordinal);
        Assert.Contains("Cosmos:Auth:Token", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "http://127.0.0.1:7070", "http://[::1]:7071", "http://localhost:7072")]
    [InlineData("s3cret", "http://0.0.0.0:7070")]
    public async Task LoopbackOnlyOrTokenConfigured_NoWarning(string? token, params string[] addresses)
    {
        using var logs = new CapturedLogs();

        await using (await RpcTestHost.StartAsync(logs, token, addresses))
        {
        }

        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains("non-loopback", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains("s3cret", StringComparison.Ordinal));
    }
}
