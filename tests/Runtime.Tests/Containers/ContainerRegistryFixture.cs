using Universe.Testing.Registry;

namespace Universe.Runtime.Tests.Containers;

/// <summary>
/// Debian's docker-registry on loopback with the shared umoci/busybox test images pushed by skopeo: <c>library/web</c>
/// (busybox httpd on port 80) and <c>library/hello</c>, so apps can name <c>web</c> (docker.io) and get it through the
/// registry configured as the docker.io mirror. Shared by the tests of one class.
/// </summary>
public sealed class ContainerRegistryFixture : IAsyncLifetime
{
    private RegistryServer? _registry;

    public RegistryServer Registry => _registry ?? throw new InvalidOperationException("not started");

    public TestImages Images { get; private set; } = null!;

    public string MirrorUrl => "http://" + Registry.Host;

    public async Task InitializeAsync()
    {
        if (new ContainerFactAttribute().Skip is not null)
        {
            return;
        }

        _registry = await RegistryServer.StartAsync();
        Images = await TestImages.SharedAsync();
        await Images.PushAsync(Registry, TestImages.Web, "library/web", "latest");
        await Images.PushAsync(Registry, TestImages.Hello, "library/hello", "latest");
    }

    public async Task DisposeAsync()
    {
        if (_registry is not null)
        {
            await _registry.DisposeAsync();
        }
    }
}
