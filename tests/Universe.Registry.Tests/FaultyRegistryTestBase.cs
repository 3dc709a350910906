using System.Text;
using Universe.Testing.Registry;

namespace Universe.Registry.Tests;

/// <summary>
/// Base of the transfer failure tests: a hand-written loopback server playing a registry or file server (cuts, 500s,
/// lies, stalls; <see cref="FaultyHttpServer"/>), a temp store root, and helpers to serve blobs and build clients.
/// </summary>
public abstract class FaultyRegistryTestBase : IAsyncLifetime
{
    protected static readonly RetryPolicy Fast = new() { BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(20), MaxRetries = 3 };

    protected string Root { get; } = Directory.CreateTempSubdirectory("universe-faults-").FullName;

    protected FaultyHttpServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await FaultyHttpServer.StartAsync();

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(Root, recursive: true);
    }

    protected static byte[] EmptyManifest() =>
        Encoding.UTF8.GetBytes($$"""{"schemaVersion":2,"mediaType":"{{MediaTypes.OciManifest}}","config":{"mediaType":"{{MediaTypes.OciConfig}}","digest":"sha256:{{new string('1', 64)}}","size":2},"layers":[]}""");

    protected static byte[] RandomBytes(int size)
    {
        var bytes = new byte[size];
        new Random(size).NextBytes(bytes);
        return bytes;
    }

    protected (ImageReference Image, Descriptor Blob, string Path) Blob(byte[] content, FaultBehavior? behavior = null, byte[]? served = null)
    {
        var digest = ContentDigest.Compute(content);
        var path = $"/v2/team/app/blobs/{digest}";
        Server.Serve(path, served ?? content, behavior);
        return (ImageReference.Parse($"{Server.Host}/team/app:1"), new Descriptor(MediaTypes.OciLayerGzip, digest, content.Length), path);
    }

    protected static RegistryClient Client(RetryPolicy? retry = null) => new(new RegistryClientOptions { Retry = retry ?? Fast });
}
