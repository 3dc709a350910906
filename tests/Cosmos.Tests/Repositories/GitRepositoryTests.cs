using System.Diagnostics;
using Universe.Cosmos.Repositories;
using Universe.Cosmos.Tests.Packages;

namespace Universe.Cosmos.Tests.Repositories;

public sealed class GitRepositoryTests : IAsyncLifetime
{
    private RepositoryTestHost _host = null!;
    private string _work = null!;

    public async Task InitializeAsync()
    {
        _host = await RepositoryTestHost.StartAsync();
        _work = _host.Tree("git-work", ("gamma", 0), ("gamma", 1));
        await Git(_work, "init", "-q", "-b", "main");
        await Commit("first");
    }

    public async Task DisposeAsync() => await _host.DisposeAllAsync();

    [Fact]
    public async Task Add_GitFileUriWithBranch_ReadsTheTreeFromGitObjects()
    {
        var list = await _host.Registry.AddAsync(new RepositoryAddRequest("Git", $"git+file://{_work}#main"), CancellationToken.None);

        Assert.Equal(RepositoryStatus.Ok, list[1].Status.State);
        Assert.Equal([1L, 0L], _host.Registry.Current.Repositories[1].Packages.Select(p => p.ReleaseVersion));
        Assert.NotNull(_host.Registry.Current.Repositories[1].Packages[0].MarathonTemplate);
    }

    [Fact]
    public async Task Refresh_NewCommit_IsFetched()
    {
        await _host.Registry.AddAsync(new RepositoryAddRequest("Git", $"git+file://{_work}"), CancellationToken.None);
        TestPackages.WriteTree(_work, ("delta", 0));
        await Commit("second");

        await _host.Registry.RefreshAllAsync(CancellationToken.None);

        Assert.Equal(["delta", "gamma", "gamma"], _host.Registry.Current.Repositories[1].Packages.Select(p => p.Name));
    }

    [Fact]
    public async Task Add_BarePathEndingGitAtCommit_ReadsThatCommit()
    {
        var first = (await Git(_work, "rev-parse", "HEAD")).Trim();
        TestPackages.WriteTree(_work, ("delta", 0));
        await Commit("second");
        var bare = _host.Temp.Combine("universe.git");
        await Git(_host.Temp.Path, "clone", "-q", "--bare", _work, bare);

        await _host.Registry.AddAsync(new RepositoryAddRequest("Git", $"{bare}#{first}"), CancellationToken.None);

        Assert.Equal(["gamma", "gamma"], _host.Registry.Current.Repositories[1].Packages.Select(p => p.Name));
    }

    [Fact]
    public async Task Delete_GitRepository_RemovesItsClone()
    {
        await _host.Registry.AddAsync(new RepositoryAddRequest("Git", $"git+file://{_work}"), CancellationToken.None);
        var clones = Path.Combine(_host.DataDirectory, "repositories", "git");
        Assert.Single(Directory.GetDirectories(clones));

        await _host.Registry.DeleteAsync(new RepositoryDeleteRequest("Git"), CancellationToken.None);

        Assert.Empty(Directory.GetDirectories(clones));
    }

    [Fact]
    public async Task Add_GitHttpUri_ClonesOverSmartHttpAndFetchesNewCommits()
    {
        var root = _host.Temp.Combine("git-http");
        Directory.CreateDirectory(root);
        await Git(root, "clone", "-q", "--bare", _work, Path.Combine(root, "universe.git"));
        await using var server = await GitHttpServer.StartAsync(root);
        var uri = $"git+{new Uri(server.BaseAddress, "universe.git").AbsoluteUri}#main";

        await _host.Registry.AddAsync(new RepositoryAddRequest("GitHttp", uri), CancellationToken.None);
        var cloned = _host.Registry.Current.Repositories[1].Packages.Select(p => p.Name).ToArray();
        TestPackages.WriteTree(_work, ("delta", 0));
        await Commit("second");
        await Git(_work, "push", "-q", Path.Combine(root, "universe.git"), "main");
        await _host.Registry.RefreshAllAsync(CancellationToken.None);

        Assert.Equal(["gamma", "gamma"], cloned);
        Assert.Equal(["delta", "gamma", "gamma"], _host.Registry.Current.Repositories[1].Packages.Select(p => p.Name));
        Assert.True(server.RequestCount >= 2, $"the git smart-HTTP server saw {server.RequestCount} requests");
    }

    [Fact]
    public async Task Add_GitHttpsUri_ClonesWithTheConfiguredTrustAndIsRefusedWithout()
    {
        var root = _host.Temp.Combine("git-https");
        Directory.CreateDirectory(root);
        await Git(root, "clone", "-q", "--bare", _work, Path.Combine(root, "universe.git"));
        using var certificate = TestCertificates.CreateLoopbackServer();
        await using var server = await GitHttpServer.StartAsync(root, certificate);
        var uri = $"git+https://127.0.0.1:{server.BaseAddress.Port}/universe.git#main";
        var pem = TestCertificates.WritePem(certificate, _host.Temp.Combine("trusted.pem"));
        var trusting = await RepositoryTestHost.StartAsync(new() { ["Cosmos:Fetch:TrustedCertificatesFile"] = pem });
        try
        {
            var untrusted = await Assert.ThrowsAsync<Universe.Cosmos.Errors.CosmosException>(
                () => _host.Registry.AddAsync(new RepositoryAddRequest("GitHttps", uri), CancellationToken.None));
            await trusting.Registry.AddAsync(new RepositoryAddRequest("GitHttps", uri), CancellationToken.None);

            Assert.IsType<RepositoryUriConnection>(untrusted.Error);
            Assert.Equal(["gamma", "gamma"], trusting.Registry.Current.Repositories[1].Packages.Select(p => p.Name));
        }
        finally
        {
            await trusting.DisposeAllAsync();
        }
    }

    [Fact]
    public async Task Add_GitHttpUriOnMetadataAddress_IsRefusedBeforeLibgit2Connects()
    {
        var e = await Assert.ThrowsAsync<Universe.Cosmos.Errors.CosmosException>(
            () => _host.Registry.AddAsync(new RepositoryAddRequest("Git", "git+http://169.254.169.254/universe.git"), CancellationToken.None));

        Assert.StartsWith("Refusing to connect to 169.254.169.254: blocked network", Assert.IsType<RepositoryUriConnection>(e.Error).Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_UnknownBranch_ThrowsRepositoryUriConnection()
    {
        var e = await Assert.ThrowsAsync<Universe.Cosmos.Errors.CosmosException>(
            () => _host.Registry.AddAsync(new RepositoryAddRequest("Git", $"git+file://{_work}#nope"), CancellationToken.None));

        Assert.IsType<RepositoryUriConnection>(e.Error);
    }

    private async Task Commit(string message)
    {
        await Git(_work, "add", "-A");
        await Git(_work, "-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-q", "-m", message);
    }

    private static async Task<string> Git(string directory, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"git {string.Join(' ', args)}: {error}");
    }
}
