using Universe.Builder.Bundles;
using Universe.Builder.Mirroring;
using Universe.Builder.Tests.TestSupport;
using Universe.Cosmos.Packages;
using Universe.Testing.Registry;

namespace Universe.Builder.Tests.Mirroring;

/// <summary>Mirroring through a real squid with basic_ncsa_auth between the mirror and a local upstream.</summary>
public sealed class ProxyMirrorTests : IAsyncLifetime, IDisposable
{
    private const string User = "alice";
    private const string Password = "s3cret-Pw-1";
    private static readonly byte[] Asset = "asset through the proxy"u8.ToArray();
    private readonly MirrorHarness _harness = new();
    private UpstreamServer _upstream = null!;
    private SquidProxy? _squid;

    public async Task InitializeAsync()
    {
        _upstream = await UpstreamServer.StartAsync();
        _upstream.Add("asset.bin", Asset);
        _harness.AddPackage("proxied", "1.0", 0, MirrorRunnerTests.Resource(assets: [_upstream.Url("asset.bin")]));
    }

    public async Task DisposeAsync()
    {
        if (_squid is not null)
        {
            await _squid.DisposeAsync();
        }

        await _upstream.DisposeAsync();
    }

    public void Dispose() => _harness.Dispose();

    [RegistryFact("squid")]
    public async Task Mirror_ProxyWithoutCredentials_FailsWithClear407()
    {
        _squid = await SquidProxy.StartAsync(User, Password);

        var exit = await _harness.MirrorAsync(_harness.Args(proxy: new MirrorProxyArgs(_squid.Url.ToString(), null)));
        var failure = Assert.Single((await _harness.ManifestAsync()).Packages[0].Failures);

        Assert.Equal(ExitCodes.Findings, exit);
        Assert.Equal(FailureCause.ProxyRefused, failure.Cause);
        Assert.Contains("407", failure.Detail, StringComparison.Ordinal);
        Assert.Contains("proxy", _harness.Output.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, _squid.AccessLog.Split('\n').Count(l => l.Contains("TCP_DENIED/407", StringComparison.Ordinal)));
        Assert.Equal(0, _upstream.Hits("asset.bin"));
    }

    [RegistryFact("squid")]
    public async Task Mirror_BasicProxyCredentials_SentUpFrontOnceTheProxyTookBasic()
    {
        _squid = await SquidProxy.StartAsync(User, Password);
        var credentials = Path.Combine(_harness.Root, "proxy-credentials");
        await File.WriteAllTextAsync(credentials, $"{User}:{Password}\n");
        for (var i = 0; i < 12; i++)
        {
            _upstream.Add($"many/{i}.bin", [.. Asset, (byte)i]);
        }

        _harness.AddPackage("many", "1.0", 0, MirrorRunnerTests.Resource(assets: [.. Enumerable.Range(0, 12).Select(i => _upstream.Url($"many/{i}.bin"))]));

        var exit = await _harness.MirrorAsync(_harness.Args(proxy: new MirrorProxyArgs(_squid.Url.ToString(), credentials)));
        int Forwarded(string text) => text.Split('\n').Count(l => l.Contains($"{User} HIER_DIRECT", StringComparison.Ordinal));
        var log = _squid.AccessLog;
        for (var wait = 0; wait < 100 && Forwarded(log) < 13; wait++)
        {
            await Task.Delay(50); // squid buffers its log lines a little
            log = _squid.AccessLog;
        }

        var denied = log.Split('\n').Count(l => l.Contains("TCP_DENIED/407", StringComparison.Ordinal));

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Equal(13, Forwarded(log));
        Assert.InRange(denied, 1, 4); // only the requests in flight before the proxy first took Basic (--jobs 4)
    }

    [RegistryFact("squid")]
    public async Task Mirror_CredentialsFileRotated_NextRunUsesTheNewPasswordAndNothingLeaks()
    {
        _squid = await SquidProxy.StartAsync(User, Password);
        var credentials = Path.Combine(_harness.Root, "proxy-credentials");
        await File.WriteAllTextAsync(credentials, $"{User}:{Password}\n");
        var args = _harness.Args(proxy: new MirrorProxyArgs(_squid.Url.ToString(), credentials));

        var first = await _harness.MirrorAsync(args);
        var firstOutput = _harness.Output.ToString() + _harness.Error;
        const string rotated = "r0tated-Pw-2";
        await _squid.SetPasswordAsync(rotated);
        File.SetLastWriteTimeUtc(Path.Combine(_squid.Directory, "passwd"), DateTime.UtcNow.AddSeconds(5)); // the helper reloads on an mtime change (whole seconds)
        await File.WriteAllTextAsync(credentials, $"{User}:{rotated}\n");
        _upstream.Add("asset.bin", "changed after rotation"u8.ToArray());
        var second = await _harness.MirrorAsync(args);
        var secondOutput = _harness.Output.ToString();
        var manifestText = await File.ReadAllTextAsync(Path.Combine(_harness.Bundle, BundleManifest.FileName));

        Assert.True(first == ExitCodes.Success, firstOutput);
        Assert.True(second == ExitCodes.Success, secondOutput);
        Assert.Contains($"{User} HIER_DIRECT", _squid.AccessLog, StringComparison.Ordinal);
        Assert.Equal(2, _upstream.Hits("asset.bin"));
        Assert.Equal("sha256:" + UpstreamServer.Sha256("changed after rotation"u8.ToArray()), (await _harness.ManifestAsync()).Resources[_upstream.Url("asset.bin")].Digest);
        foreach (var text in new[] { firstOutput, _harness.Output.ToString(), _harness.Error.ToString(), manifestText })
        {
            Assert.DoesNotContain(Password, text, StringComparison.Ordinal);
            Assert.DoesNotContain(rotated, text, StringComparison.Ordinal);
        }
    }

    [RegistryFact("squid")]
    public async Task Mirror_RepoJsonSourceThroughProxyWithUrlCredentials_LoadsAndMirrors()
    {
        _squid = await SquidProxy.StartAsync(User, Password);
        var packages = UniverseTreeReader.Read(Path.Combine(_harness.Source, "repo", "packages")).Packages;
        _upstream.Add("repo.json", await RepoIndexWriter.ToBytesAsync(packages));
        var proxyWithUser = new UriBuilder(_squid.Url) { UserName = User, Password = Password }.Uri.ToString();

        var exit = await _harness.MirrorAsync(_harness.Args(proxy: new MirrorProxyArgs(proxyWithUser, null)) with { Source = _upstream.Url("repo.json") });

        Assert.Equal(ExitCodes.Success, exit);
        Assert.Contains("/repo.json", _squid.AccessLog, StringComparison.Ordinal);
        Assert.Contains("/asset.bin", _squid.AccessLog, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, _harness.Output + _harness.Error.ToString() + await File.ReadAllTextAsync(Path.Combine(_harness.Bundle, BundleManifest.FileName)), StringComparison.Ordinal);
    }
}
