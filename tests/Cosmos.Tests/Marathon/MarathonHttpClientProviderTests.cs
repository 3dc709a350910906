using Universe.Cosmos.Marathon;

namespace Universe.Cosmos.Tests.Marathon;

public sealed class MarathonHttpClientProviderTests
{
    [Theory]
    [InlineData("http://127.0.0.1:7070", "http://127.0.0.1:7070/marathon/")]
    [InlineData("http://0.0.0.0:7070", "http://127.0.0.1:7070/marathon/")]
    [InlineData("http://localhost:5000", "http://127.0.0.1:5000/marathon/")]
    [InlineData("http://+:8080", "http://127.0.0.1:8080/marathon/")]
    [InlineData("http://*:8080", "http://127.0.0.1:8080/marathon/")]
    [InlineData("http://[::]:8080", "http://[::1]:8080/marathon/")]
    public void BundledBaseAddress_ListenAddress_IsLoopbackMarathonRoot(string listen, string expected) =>
        Assert.Equal(expected, MarathonHttpClientProvider.BundledBaseAddress(listen).ToString());
}
