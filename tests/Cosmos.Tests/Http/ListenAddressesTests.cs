using Universe.Cosmos.Http;

namespace Universe.Cosmos.Tests.Http;

public sealed class ListenAddressesTests
{
    [Theory]
    [InlineData("http://127.0.0.1:7070", true)]
    [InlineData("http://127.0.0.2:7070", true)]
    [InlineData("http://[::1]:7070", true)]
    [InlineData("http://localhost:5000", true)]
    [InlineData("https://LOCALHOST", true)]
    [InlineData("http://unix:/tmp/cosmos.sock", true)]
    [InlineData("http://0.0.0.0:7070", false)]
    [InlineData("http://[::]:7070", false)]
    [InlineData("http://*:7070", false)]
    [InlineData("http://+:7070", false)]
    [InlineData("http://10.0.0.5:7070", false)]
    [InlineData("http://cosmos.example.com:7070", false)]
    public void IsLoopback_Address_Decides(string address, bool expected)
    {
        var loopback = ListenAddresses.IsLoopback(address);

        Assert.Equal(expected, loopback);
    }

    [Fact]
    public void AreLoopbackOnly_OneNonLoopbackAmongLoopbacks_IsFalse()
    {
        var loopbackOnly = ListenAddresses.AreLoopbackOnly(["http://127.0.0.1:7070", "http://0.0.0.0:7071"]);

        Assert.False(loopbackOnly);
    }
}
