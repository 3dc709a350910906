using System.Collections.Concurrent;
using System.Security.Cryptography;
using Universe.Testing.Registry;

namespace Universe.Builder.Tests.TestSupport;

/// <summary>
/// An upstream asset origin for the mirror tests, on the shared <see cref="FaultyHttpServer"/>: each added file is
/// served with ETag, Last-Modified, Range and conditional requests, plus the same file under misbehaving prefixes:
/// <c>/fail/*</c> (always 500), <c>/flaky/*</c> (500 twice, then the file), <c>/slow/*</c> (trickles), <c>/cut/*</c>
/// (the first answer stops half-way), <c>/stall/*</c> (never answers). Every answered request is logged.
/// </summary>
public sealed class UpstreamServer : IAsyncDisposable
{
    private static readonly DateTimeOffset Modified = new(2024, 1, 2, 3, 4, 5, TimeSpan.Zero);
    private readonly FaultyHttpServer _server;

    private UpstreamServer(FaultyHttpServer server) => _server = server;

    /// <summary>The answered requests (paths with their leading slash).</summary>
    public ConcurrentQueue<ServedRequest> Requests => _server.Requests;

    public Uri BaseAddress => _server.BaseUri;

    public string Url(string path) => new Uri(BaseAddress, path).ToString();

    public static async Task<UpstreamServer> StartAsync() => new(await FaultyHttpServer.StartAsync());

    /// <summary>Serves <paramref name="content"/> at <paramref name="path"/> (and under each behaviour prefix).</summary>
    public void Add(string path, byte[] content, string contentType = "application/octet-stream")
    {
        ArgumentNullException.ThrowIfNull(content);
        var name = path.TrimStart('/');
        var plain = new FaultBehavior { ContentType = contentType, ETag = "\"" + Sha256(content)[..16] + "\"", LastModified = Modified };
        _server.Serve("/" + name, content, plain);
        _server.Serve("/fail/" + name, content, plain with { FailFirst = int.MaxValue });
        _server.Serve("/flaky/" + name, content, plain with { FailFirst = 2 });
        _server.Serve("/slow/" + name, content, plain with { ChunkDelay = TimeSpan.FromMilliseconds(40) });
        _server.Serve("/cut/" + name, content, plain with { CutAfterBytes = content.Length / 2 });
        _server.Serve("/stall/" + name, content, plain with { Stall = true });
    }

    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>How many requests reached <paramref name="path"/> (answered or not).</summary>
    public int Hits(string path) => _server.RequestCount("/" + path.TrimStart('/'));

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
