using Universe.Cosmos.Repositories;

namespace Universe.Cosmos.Tests.Repositories;

public sealed class LocalRepositoryPolicyTests
{
    [Theory]
    [InlineData(true, "http://127.0.0.1:5000")]
    [InlineData(true, "http://localhost:5000", "http://[::1]:5000")]
    [InlineData(true, "https://127.0.0.2:443/base")]
    [InlineData(true)]
    [InlineData(false, "http://0.0.0.0:5000")]
    [InlineData(false, "http://127.0.0.1:5000", "http://[::]:5000")]
    [InlineData(false, "http://*:80")]
    [InlineData(false, "http://+:80")]
    [InlineData(false, "http://10.1.2.3:8080")]
    [InlineData(false, "http://cosmos.example.com:80")]
    public void AllLoopback_ServerAddresses_OnlyLoopbackCounts(bool expected, params string[] addresses)
    {
        var loopback = LocalRepositoryPolicy.AllLoopback(addresses);

        Assert.Equal(expected, loopback);
    }
}
