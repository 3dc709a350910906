using System.Runtime.Versioning;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Universe.Runtime.Tasks;

namespace Universe.Runtime.Tests.Tasks;

[SupportedOSPlatform("linux")]
public sealed class TaskFetcherTests : IAsyncLifetime
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "rtexec-fetch-" + Guid.NewGuid().ToString("N"));
    private static readonly HttpClient Http = new();
    private LoopbackFileServer _server = null!;
    private TaskExecutorOptions _options = null!;
    private string _sandbox = null!;

    public async Task InitializeAsync()
    {
        _sandbox = Path.Combine(_work, "sandbox");
        Directory.CreateDirectory(_sandbox);
        _options = new TaskExecutorOptions { DataDirectory = Path.Combine(_work, "data"), MaxFetchBytes = 1 << 20 };
        _server = await LoopbackFileServer.StartAsync();
    }

    private TaskFetcher Fetcher() => new(Http, _options, TimeProvider.System, NullLogger.Instance);

    [Fact]
    public async Task FetchAllAsync_FileUri_CopiesIntoSandbox()
    {
        var source = Path.Combine(_work, "config.json");
        await File.WriteAllTextAsync(source, "{}");

        await Fetcher().FetchAllAsync([new FetchUri("file://" + source)], _sandbox, CancellationToken.None);

        Assert.Equal("{}", await File.ReadAllTextAsync(Path.Combine(_sandbox, "config.json")));
    }

    [Fact]
    public async Task FetchAllAsync_HttpExecutable_DownloadsAndMarksExecutable()
    {
        _server.Files["bin/run.sh"] = Encoding.UTF8.GetBytes("#!/bin/sh\necho ok\n");

        await Fetcher().FetchAllAsync([new FetchUri(_server.BaseUrl + "/bin/run.sh", Executable: true)], _sandbox, CancellationToken.None);

        var path = Path.Combine(_sandbox, "run.sh");
        Assert.Equal("#!/bin/sh\necho ok\n", await File.ReadAllTextAsync(path));
        Assert.True(File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute));
    }

    [Fact]
    public async Task FetchAllAsync_HttpTarGz_ExtractsIntoDestPath()
    {
        var archive = Path.Combine(_work, "app.tgz");
        ArchiveFactory.TarGz(archive, ArchiveFactory.File("app/hello.txt", "hello"));
        _server.Files["app.tgz"] = await File.ReadAllBytesAsync(archive);

        await Fetcher().FetchAllAsync([new FetchUri(_server.BaseUrl + "/app.tgz", DestPath: "vendor")], _sandbox, CancellationToken.None);

        Assert.Equal("hello", await File.ReadAllTextAsync(Path.Combine(_sandbox, "vendor/app/hello.txt")));
    }

    [Fact]
    public async Task FetchAllAsync_ExtractFalse_KeepsArchive()
    {
        var archive = Path.Combine(_work, "keep.zip");
        ArchiveFactory.Zip(archive, ("a.txt", "a", 0));
        _server.Files["keep.zip"] = await File.ReadAllBytesAsync(archive);

        await Fetcher().FetchAllAsync([new FetchUri(_server.BaseUrl + "/keep.zip", Extract: false)], _sandbox, CancellationToken.None);

        Assert.True(File.Exists(Path.Combine(_sandbox, "keep.zip")));
        Assert.False(File.Exists(Path.Combine(_sandbox, "a.txt")));
    }

    [Fact]
    public async Task FetchAllAsync_CachedUriFetchedTwice_DownloadsOnce()
    {
        _server.Files["cached.bin"] = [1, 2, 3];
        var uri = new FetchUri(_server.BaseUrl + "/cached.bin", Cache: true);
        var second = Path.Combine(_work, "sandbox2");
        Directory.CreateDirectory(second);

        await Fetcher().FetchAllAsync([uri], _sandbox, CancellationToken.None);
        await Fetcher().FetchAllAsync([uri], second, CancellationToken.None);

        Assert.Equal(1, _server.Requests["cached.bin"]);
        Assert.Equal([1, 2, 3], await File.ReadAllBytesAsync(Path.Combine(second, "cached.bin")));
        Assert.Single(Directory.GetFiles(Path.Combine(_options.DataDirectory, "fetch-cache")));
    }

    [Fact]
    public async Task FetchAllAsync_Http404_FailsWithStatus()
    {
        var error = await Assert.ThrowsAsync<FetchException>(
            () => Fetcher().FetchAllAsync([new FetchUri(_server.BaseUrl + "/missing.tgz")], _sandbox, CancellationToken.None));

        Assert.Contains("HTTP 404", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAllAsync_LargerThanLimit_Fails()
    {
        _server.Files["big.bin"] = new byte[(1 << 20) + 1];

        var error = await Assert.ThrowsAsync<FetchException>(
            () => Fetcher().FetchAllAsync([new FetchUri(_server.BaseUrl + "/big.bin")], _sandbox, CancellationToken.None));

        Assert.Contains("larger than", error.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_sandbox));
    }

    [Theory]
    [InlineData("../outside")]
    [InlineData("/tmp/outside")]
    public async Task FetchAllAsync_DestPathEscaping_Fails(string destPath)
    {
        var source = Path.Combine(_work, "x.txt");
        await File.WriteAllTextAsync(source, "x");

        var error = await Assert.ThrowsAsync<FetchException>(
            () => Fetcher().FetchAllAsync([new FetchUri(source, DestPath: destPath)], _sandbox, CancellationToken.None));

        Assert.Contains("escapes the sandbox", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/x.tgz", "Unsupported fetch URI scheme")]
    [InlineData("hdfs://namenode/x.tgz", "Unsupported fetch URI scheme")]
    public async Task FetchAllAsync_UnsupportedScheme_Fails(string uri, string expected)
    {
        var error = await Assert.ThrowsAsync<FetchException>(() => Fetcher().FetchAllAsync([new FetchUri(uri)], _sandbox, CancellationToken.None));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FetchAllAsync_ServerNeverAnswers_FailsAfterTimeout()
    {
        var time = new FakeTimeProvider();
        var fetcher = new TaskFetcher(Http, _options, time, NullLogger.Instance);
        var fetch = fetcher.FetchAllAsync([new FetchUri(_server.BaseUrl + "/hang/app.tgz")], _sandbox, CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(_options.FetchTimeoutSeconds + 1));
        var error = await Assert.ThrowsAsync<FetchException>(() => fetch);

        Assert.Equal("Fetching " + _server.BaseUrl + "/hang/app.tgz took longer than 300 s", error.Message);
    }

    [Fact]
    public async Task FetchAllAsync_GzipFile_Decompressed()
    {
        var source = Path.Combine(_work, "data.json.gz");
        await using (var file = File.Create(source))
        await using (var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest))
        {
            await gzip.WriteAsync(Encoding.UTF8.GetBytes("[1,2]"));
        }

        await Fetcher().FetchAllAsync([new FetchUri(source)], _sandbox, CancellationToken.None);

        Assert.Equal("[1,2]", await File.ReadAllTextAsync(Path.Combine(_sandbox, "data.json")));
    }

    [Fact]
    public void Redact_UriWithCredentials_RemovesThem()
    {
        Assert.Equal("http://127.0.0.1/a.tgz", TaskFetcher.Redact("http://user:secret@127.0.0.1/a.tgz"));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_work, recursive: true);
    }
}
