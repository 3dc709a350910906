using System.Security.Cryptography;
using Universe.Builder.Bundles;
using Universe.Builder.Mirroring;
using Universe.Builder.Tests.TestSupport;
using Universe.Registry;
using Universe.Testing.Registry;

namespace Universe.Builder.Tests.Mirroring;

/// <summary>
/// Images mirrored from Debian's docker-registry on loopback THROUGH squid with basic_ncsa_auth: registry auth (htpasswd
/// Basic, or Bearer tokens from the token service, itself reached through the proxy) and proxy auth at once.
/// </summary>
public sealed class ProxiedImageMirrorTests : IDisposable
{
    private readonly MirrorHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [RegistryTheory("squid")]
    [InlineData(RegistryAuthMode.Basic)]
    [InlineData(RegistryAuthMode.Token)]
    public async Task Mirror_ImagesThroughAuthenticatedSquid_BundleHoldsThemDigestIdentical(RegistryAuthMode mode)
    {
        var images = await TestImages.SharedAsync();
        await using var registry = await RegistryServer.StartAsync(mode);
        await using var squid = await SquidProxy.StartAsync();
        var web = await images.PushAsync(registry, TestImages.Web, "team/web", "1.0");
        var hello = await images.PushAsync(registry, TestImages.Hello, "team/hello", "1.0", dockerFormat: true);
        var multi = await images.PushAsync(registry, TestImages.Multi, "team/multi", "1.0");
        _harness.AddPackage("imaged", "1.0", 0, MirrorRunnerTests.Resource(assets: [], images: [web, hello, multi]));
        var proxyCredentials = Path.Combine(_harness.Root, "proxy-credentials");
        await File.WriteAllTextAsync(proxyCredentials, $"{squid.Username}:{squid.Password}\n");
        var registryConfig = Path.Combine(_harness.Root, "registries.json");
        await File.WriteAllTextAsync(registryConfig, $$"""{ "{{registry.Host}}": { "Username": "{{registry.Username}}", "PasswordFile": "{{registry.WritePasswordFile()}}" } }""");

        var exit = await _harness.MirrorAsync(_harness.Args(proxy: new MirrorProxyArgs(squid.Url.ToString(), proxyCredentials)) with { RegistryConfig = registryConfig });
        var manifest = await _harness.ManifestAsync();
        var log = await squid.WaitForLogAsync($"/v2/team/multi/");

        Assert.True(exit == ExitCodes.Success, _harness.Output.ToString());
        Assert.Equal(images.Digests[TestImages.Web], manifest.Images[web].ManifestDigest);
        Assert.Equal(await RegistryDigestAsync(registry, hello), manifest.Images[hello].ManifestDigest);
        Assert.Equal(images.Digests[TestImages.Multi], manifest.Images[multi].IndexDigest);
        Assert.Equal(images.Digests[TestImages.Web], manifest.Images[multi].ManifestDigest);
        var store = new BlobStore(_harness.Bundle);
        foreach (var digest in manifest.Images.Values.SelectMany(i => i.Blobs).Distinct())
        {
            await using var stored = File.OpenRead(store.GetPath(digest));
            Assert.Equal(digest, "sha256:" + Convert.ToHexStringLower(await SHA256.HashDataAsync(stored)));
        }

        // Every registry (and token) request went through squid as the proxy user, none was refused after the 407 dance.
        Assert.Contains($"GET http://{registry.Host}/v2/team/web/manifests/1.0 {squid.Username} HIER_DIRECT", log, StringComparison.Ordinal);
        // The layer shared by the three images is fetched through whichever repository came first.
        Assert.NotEmpty(System.Text.RegularExpressions.Regex.Matches(log, $@"GET http://{System.Text.RegularExpressions.Regex.Escape(registry.Host)}/v2/team/(web|hello|multi)/blobs/{images.BaseLayerDigest} {squid.Username} HIER_DIRECT"));
        if (mode == RegistryAuthMode.Token)
        {
            Assert.Contains($"GET {new Uri(registry.TokenServer!.Realm).GetLeftPart(UriPartial.Authority)}", log, StringComparison.Ordinal);
            Assert.True(registry.TokenServer.TokensIssued > 0);
        }

        var secrets = _harness.Output + _harness.Error.ToString() + await File.ReadAllTextAsync(Path.Combine(_harness.Bundle, BundleManifest.FileName));
        Assert.DoesNotContain(squid.Password, secrets, StringComparison.Ordinal);
        Assert.DoesNotContain(registry.Password, secrets, StringComparison.Ordinal);
    }

    /// <summary>The manifest digest the registry itself reports for <paramref name="reference"/> (skopeo, straight to it).</summary>
    private static async Task<string> RegistryDigestAsync(RegistryServer registry, string reference)
    {
        var inspect = await RegistryTools.RunAsync("skopeo", ["inspect", "--tls-verify=false", "--creds", registry.Credentials!, "docker://" + reference]);
        return System.Text.Json.Nodes.JsonNode.Parse(inspect)!["Digest"]!.GetValue<string>();
    }

    [RegistryFact("squid")]
    public async Task Mirror_ImagesThroughSquidWithoutProxyCredentials_EachImageFailsAsProxyRefused()
    {
        var images = await TestImages.SharedAsync();
        await using var registry = await RegistryServer.StartAsync(RegistryAuthMode.Basic);
        await using var squid = await SquidProxy.StartAsync();
        var web = await images.PushAsync(registry, TestImages.Web, "team/web", "1.0");
        _harness.AddPackage("imaged", "1.0", 0, MirrorRunnerTests.Resource(assets: [], images: [web]));
        var registryConfig = Path.Combine(_harness.Root, "registries.json");
        await File.WriteAllTextAsync(registryConfig, $$"""{ "{{registry.Host}}": { "Username": "{{registry.Username}}", "PasswordFile": "{{registry.WritePasswordFile()}}" } }""");

        var exit = await _harness.MirrorAsync(_harness.Args(proxy: new MirrorProxyArgs(squid.Url.ToString(), null)) with { RegistryConfig = registryConfig });
        var failure = Assert.Single((await _harness.ManifestAsync()).Packages[0].Failures);

        Assert.Equal(ExitCodes.Findings, exit);
        Assert.Equal(FailureCause.ProxyRefused, failure.Cause);
        Assert.Contains("407", failure.Detail, StringComparison.Ordinal);
        Assert.Contains(web, failure.Artifact, StringComparison.Ordinal);
        Assert.DoesNotContain("HIER_DIRECT", squid.AccessLog, StringComparison.Ordinal);
    }
}
