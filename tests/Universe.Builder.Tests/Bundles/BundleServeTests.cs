using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Universe.Builder.Bundles;
using Universe.Builder.Certificates;
using Universe.Builder.Tests.Mirroring;
using Universe.Builder.Tests.TestSupport;
using Universe.Registry;
using Universe.Testing.Registry;

namespace Universe.Builder.Tests.Bundles;

/// <summary>A mirrored bundle (HTTP assets and images from docker-registry) served by <c>universe serve &lt;bundle&gt;</c>; skopeo pulls the images back.</summary>
public sealed class BundleServeTests : IAsyncLifetime, IDisposable
{
    private static readonly byte[] Asset = [.. Enumerable.Range(0, 50_000).Select(i => (byte)(i % 253))];
    private readonly MirrorHarness _harness = new();
    private UpstreamServer _upstream = null!;
    private RegistryServer? _registry;
    private TestImages _images = null!;
    private ServedBundle? _served;

    public async Task InitializeAsync()
    {
        _upstream = await UpstreamServer.StartAsync();
        _upstream.Add("dist/tool.tar.gz", Asset);
        if (RegistryTools.MissingReason(RegistryTools.ImageTools) is not null && !RegistryTools.IsCi)
        {
            return;
        }

        _images = await TestImages.SharedAsync();
        _registry = await RegistryServer.StartAsync();
        await _images.PushAsync(_registry, TestImages.Web, "team/web", "1.0");
        await _images.PushAsync(_registry, TestImages.Multi, "team/multi", "1.0");
        await _images.PushAsync(_registry, TestImages.Hello, "team/hello", "1.0", dockerFormat: true);
        _harness.AddPackage("tool", "1.0", 0, MirrorRunnerTests.Resource(
            assets: [_upstream.Url("dist/tool.tar.gz")],
            images: [$"{_registry.Host}/team/web:1.0", $"{_registry.Host}/team/multi:1.0", $"{_registry.Host}/team/hello:1.0"]));
        Assert.Equal(0, await _harness.MirrorAsync(_harness.Args()));
        _served = await ServedBundle.StartAsync(_harness.Bundle);
    }

    public async Task DisposeAsync()
    {
        if (_served is not null)
        {
            await _served.DisposeAsync();
        }

        if (_registry is not null)
        {
            await _registry.DisposeAsync();
        }

        await _upstream.DisposeAsync();
    }

    public void Dispose() => _harness.Dispose();

    private static HttpClient Client() => new(new SocketsHttpHandler { UseProxy = false });

    private string Served(string image) => $"{_served!.Host}/{_registry!.Host.Replace(':', '-')}/{image}";

    [RegistryFact]
    public async Task Repo_UrlsAndImagesRewrittenAtServeTimeNotInTheBundle()
    {
        using var http = Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_served!.Address, "repo"));
        request.Headers.TryAddWithoutValidation("Accept", "application/vnd.dcos.universe.repo+json;charset=utf-8;version=v5");
        request.Headers.TryAddWithoutValidation("User-Agent", "dcos/2.0");

        using var response = await http.SendAsync(request);
        var package = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["packages"]![0]!;
        var bundleText = await File.ReadAllTextAsync(Path.Combine(_harness.Bundle, BundleManifest.FileName));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var asset = package["resource"]!["assets"]!["uris"]!["a0"]!.GetValue<string>();
        Assert.StartsWith(_served.Address + "resources/", asset, StringComparison.Ordinal);
        Assert.EndsWith("/tool.tar.gz", asset, StringComparison.Ordinal);
        Assert.Equal(Served("team/web:1.0"), package["resource"]!["assets"]!["container"]!["docker"]!["i0"]!.GetValue<string>());
        Assert.DoesNotContain(_served.Host, bundleText, StringComparison.Ordinal);
        Assert.Contains(_upstream.Url("dist/tool.tar.gz"), bundleText, StringComparison.Ordinal);
    }

    [RegistryFact]
    public async Task Resource_ServedWithLengthRangeETagAndType()
    {
        using var http = Client();
        var digest = (await _harness.ManifestAsync()).Resources[_upstream.Url("dist/tool.tar.gz")].Digest;
        var url = new Uri(_served!.Address, BundleView.ResourcePath(_upstream.Url("dist/tool.tar.gz"), digest));

        using var full = await http.GetAsync(url);
        using var range = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { Range = new RangeHeaderValue(100, 199) } };
        using var partial = await http.SendAsync(range);
        using var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.IfNoneMatch.Add(full.Headers.ETag!);
        using var notModified = await http.SendAsync(conditional);

        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        Assert.Equal(Asset.Length, full.Content.Headers.ContentLength);
        Assert.Equal("application/x-gzip", full.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Asset, await full.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(Asset.AsSpan(100, 100).ToArray(), await partial.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri(_served.Address, "resources/" + new string('a', 64) + "/x"))).StatusCode);
    }

    [RegistryFact]
    public async Task Registry_SkopeoInspectAndCopyByTagAndDigest_DigestIdentical()
    {
        var manifest = await _harness.ManifestAsync();
        var web = manifest.Images[$"{_registry!.Host}/team/web:1.0"];
        var multi = manifest.Images[$"{_registry.Host}/team/multi:1.0"];
        var hello = manifest.Images[$"{_registry.Host}/team/hello:1.0"];

        var inspectWeb = JsonNode.Parse(await RegistryTools.RunAsync("skopeo", ["inspect", "--tls-verify=false", "docker://" + Served("team/web:1.0")]))!;
        var inspectHello = JsonNode.Parse(await RegistryTools.RunAsync("skopeo", ["inspect", "--tls-verify=false", "docker://" + Served("team/hello:1.0")]))!;
        var rawMulti = JsonNode.Parse(await RegistryTools.RunAsync("skopeo", ["inspect", "--raw", "--tls-verify=false", "docker://" + Served("team/multi:1.0")]))!;
        var byTag = Path.Combine(_harness.Root, "by-tag");
        var byDigest = Path.Combine(_harness.Root, "by-digest");
        await RegistryTools.RunAsync("skopeo", ["copy", "--quiet", "--src-tls-verify=false", "docker://" + Served("team/web:1.0"), $"oci:{byTag}:web"]);
        await RegistryTools.RunAsync("skopeo", ["copy", "--quiet", "--src-tls-verify=false", "docker://" + Served("team/web@" + web.ManifestDigest), $"oci:{byDigest}:web"]);
        await RegistryTools.RunAsync("skopeo", ["copy", "--quiet", "--src-tls-verify=false", "docker://" + Served("team/multi:1.0"), $"oci:{byTag}:multi"]);

        Assert.Equal(web.ManifestDigest, inspectWeb["Digest"]!.GetValue<string>());
        Assert.Equal(hello.ManifestDigest, inspectHello["Digest"]!.GetValue<string>());
        Assert.Equal(MediaTypes.OciIndex, rawMulti["mediaType"]!.GetValue<string>());
        var copied = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(byTag, "index.json")))!["manifests"]!.AsArray().Select(m => m!["digest"]!.GetValue<string>()).ToArray();
        Assert.Contains(web.ManifestDigest, copied);
        Assert.Contains(multi.ManifestDigest, copied);
        Assert.Equal(web.ManifestDigest, JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(byDigest, "index.json")))!["manifests"]![0]!["digest"]!.GetValue<string>());
    }

    [RegistryFact]
    public async Task Registry_ApiShapes_CatalogTagsHeadBlobRangeAndReadOnly()
    {
        using var http = Client();
        var web = (await _harness.ManifestAsync()).Images[$"{_registry!.Host}/team/web:1.0"];
        var name = $"{_registry.Host.Replace(':', '-')}/team/web";
        var layer = web.Blobs[^1];

        var catalog = JsonNode.Parse(await http.GetStringAsync(new Uri(_served!.Address, "v2/_catalog")))!;
        var tags = JsonNode.Parse(await http.GetStringAsync(new Uri(_served.Address, $"v2/{name}/tags/list")))!;
        using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri(_served.Address, $"v2/{name}/manifests/1.0"))
        {
            Headers = { Accept = { new MediaTypeWithQualityHeaderValue(MediaTypes.OciManifest) } },
        });
        using var blob = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(_served.Address, $"v2/{name}/blobs/{layer}")) { Headers = { Range = new RangeHeaderValue(0, 9) } });
        using var put = await http.PutAsync(new Uri(_served.Address, $"v2/{name}/manifests/2.0"), new StringContent("{}"));
        using var unknown = await http.GetAsync(new Uri(_served.Address, $"v2/{name}/manifests/9.9"));
        using var root = await http.GetAsync(new Uri(_served.Address, "v2/"));

        Assert.Contains(name, catalog["repositories"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal(["1.0"], tags["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(web.ManifestDigest, head.Headers.GetValues("Docker-Content-Digest").Single());
        Assert.Equal(web.ManifestMediaType, head.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.PartialContent, blob.StatusCode);
        Assert.Equal(10, (await blob.Content.ReadAsByteArrayAsync()).Length);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, put.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("MANIFEST_UNKNOWN", JsonNode.Parse(await unknown.Content.ReadAsStringAsync())!["errors"]![0]!["code"]!.GetValue<string>());
        Assert.Equal("registry/2.0", root.Headers.GetValues("Docker-Distribution-API-Version").Single());
    }

    [RegistryFact]
    public async Task Tls_GeneratedCa_ServesCaCertAndRenewKeepsTheCa()
    {
        var tls = Path.Combine(_harness.Root, "tls");
        using var certificate = ServerCertificates.LoadOrCreate(tls, ["127.0.0.1"], TimeProvider.System);
        await using var served = await ServedBundle.StartAsync(_harness.Bundle, certificate, Path.Combine(tls, ServerCertificates.CaFile));
        using var ca = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(tls, ServerCertificates.CaFile));
        using var http = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            SslOptions = { RemoteCertificateValidationCallback = (_, cert, _, _) => Chains(cert, ca) },
        });

        var caServed = await http.GetStringAsync(new Uri(served.Address, "certs/ca.crt"));
        using var v2 = await http.GetAsync(new Uri(served.Address, "v2/"));
        var trust = Directory.CreateDirectory(Path.Combine(_harness.Root, "skopeo-trust")).FullName;
        await File.WriteAllTextAsync(Path.Combine(trust, "ca.crt"), caServed);
        var inspect = JsonNode.Parse(await RegistryTools.RunAsync("skopeo", ["inspect", "--cert-dir", trust, "--tls-verify=true", $"docker://{served.Host}/{_registry!.Host.Replace(':', '-')}/team/web:1.0"]))!;
        var describe = ServerCertificates.Describe(certificate, TimeProvider.System, "universe certs renew x");
        var soon = ServerCertificates.Describe(certificate, new FixedTime(certificate.NotAfter.AddDays(-10)), "universe certs renew x");
        var renewedUntil = ServerCertificates.Renew(tls, [], new FixedTime(certificate.NotAfter.AddDays(-10)));
        using var renewed = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(tls, ServerCertificates.ServerFile));
        using var caAfter = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(tls, ServerCertificates.CaFile));

        Assert.Equal(await File.ReadAllTextAsync(Path.Combine(tls, ServerCertificates.CaFile)), caServed);
        Assert.Equal(HttpStatusCode.OK, v2.StatusCode);
        Assert.StartsWith("sha256:", inspect["Digest"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("TLS certificate", describe, StringComparison.Ordinal);
        Assert.StartsWith("WARNING:", soon, StringComparison.Ordinal);
        Assert.True(renewed.NotAfter > certificate.NotAfter);
        Assert.Equal(renewedUntil.UtcDateTime, renewed.NotAfter.ToUniversalTime(), TimeSpan.FromSeconds(1));
        Assert.Equal(ca.Thumbprint, caAfter.Thumbprint);
        Assert.True(Chains(renewed, caAfter, renewed.NotBefore.AddMinutes(10)));
    }

    private static bool Chains(X509Certificate? presented, X509Certificate2 ca, DateTime? at = null)
    {
        if (presented is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = at ?? DateTime.Now;
        using var leaf = X509CertificateLoader.LoadCertificate(presented.GetRawCertData());
        return chain.Build(leaf);
    }

    private sealed class FixedTime(DateTime utc) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
    }
}
