using Universe.Builder.Bundles;
using Universe.Registry;

namespace Universe.Builder.Tests.Bundles;

/// <summary>The image-name rule of <c>universe serve</c>: how each upstream registry's images are named in the bundle's registry.</summary>
public sealed class ServedImageNamesTests
{
    private const string Digest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private const string Served = "bundle.example:8443";

    [Theory]
    // Docker Hub: official images get library/, the registry name in every spelling is dropped.
    [InlineData("nginx", "bundle.example:8443/library/nginx:latest")]
    [InlineData("nginx:1.25", "bundle.example:8443/library/nginx:1.25")]
    [InlineData("library/nginx:1.25", "bundle.example:8443/library/nginx:1.25")]
    [InlineData("docker.io/nginx:1.25", "bundle.example:8443/library/nginx:1.25")]
    [InlineData("docker.io/library/nginx:1.25", "bundle.example:8443/library/nginx:1.25")]
    [InlineData("index.docker.io/library/nginx:1.25", "bundle.example:8443/library/nginx:1.25")]
    [InlineData("registry-1.docker.io/mesosphere/marathon:v1.11", "bundle.example:8443/mesosphere/marathon:v1.11")]
    [InlineData("registry.hub.docker.com/mesosphere/kafka:2.3", "bundle.example:8443/mesosphere/kafka:2.3")]
    [InlineData("mesosphere/cassandra", "bundle.example:8443/mesosphere/cassandra:latest")]
    [InlineData("docker.io/localhost/tool:1", "bundle.example:8443/docker.io/localhost/tool:1")]
    // quay.io, gcr.io (and a regional host), k8s.gcr.io, registry.k8s.io: the host is the first component.
    [InlineData("quay.io/coreos/etcd:v3.4.13", "bundle.example:8443/quay.io/coreos/etcd:v3.4.13")]
    [InlineData("quay.io/prometheus/node-exporter", "bundle.example:8443/quay.io/prometheus/node-exporter:latest")]
    [InlineData("gcr.io/google-containers/pause:3.1", "bundle.example:8443/gcr.io/google-containers/pause:3.1")]
    [InlineData("eu.gcr.io/project/app:2", "bundle.example:8443/eu.gcr.io/project/app:2")]
    [InlineData("k8s.gcr.io/pause:3.2", "bundle.example:8443/k8s.gcr.io/pause:3.2")]
    [InlineData("k8s.gcr.io/kube-proxy:v1.18.3", "bundle.example:8443/k8s.gcr.io/kube-proxy:v1.18.3")]
    [InlineData("registry.k8s.io/pause:3.9", "bundle.example:8443/registry.k8s.io/pause:3.9")]
    [InlineData("QUAY.IO/coreos/etcd:v3", "bundle.example:8443/quay.io/coreos/etcd:v3")]
    // Hosts with ports, localhost, IPv6.
    [InlineData("127.0.0.1:5000/team/web:1.0", "bundle.example:8443/127.0.0.1-5000/team/web:1.0")]
    [InlineData("registry.corp:5000/team/web", "bundle.example:8443/registry.corp-5000/team/web:latest")]
    [InlineData("localhost/team/web:1", "bundle.example:8443/localhost/team/web:1")]
    [InlineData("localhost:5000/team/web:1", "bundle.example:8443/localhost-5000/team/web:1")]
    [InlineData("[::1]:5000/team/web:1", "bundle.example:8443/ip6-0-0-0-0-0-0-0-1-5000/team/web:1")]
    [InlineData("[fd00::a:1]/team/web:1", "bundle.example:8443/ip6-fd00-0-0-0-0-0-a-1/team/web:1")]
    public void Reference_EachUpstreamHost_IsNamedExplicitlyAndKeepsItsTag(string original, string expected)
    {
        var image = ImageReference.Parse(original);

        var served = ServedImageNames.Reference(Served, image.Registry, image.Repository, original);

        Assert.Equal(expected, served);
        var back = ImageReference.Parse(served);
        Assert.Equal(Served, back.Registry);
        Assert.Equal(ServedImageNames.Repository(image.Registry, image.Repository), back.Repository);
        Assert.Equal(image.Tag, back.Tag);
    }

    [Theory]
    [InlineData("nginx@" + Digest, "bundle.example:8443/library/nginx@" + Digest)]
    [InlineData("nginx:1.25@" + Digest, "bundle.example:8443/library/nginx@" + Digest)]
    [InlineData("quay.io/coreos/etcd@" + Digest, "bundle.example:8443/quay.io/coreos/etcd@" + Digest)]
    [InlineData("k8s.gcr.io/pause:3.2@" + Digest, "bundle.example:8443/k8s.gcr.io/pause@" + Digest)]
    [InlineData("gcr.io/google-containers/pause@" + Digest, "bundle.example:8443/gcr.io/google-containers/pause@" + Digest)]
    [InlineData("127.0.0.1:5000/team/web@" + Digest, "bundle.example:8443/127.0.0.1-5000/team/web@" + Digest)]
    public void Reference_ByDigest_IsServedByThatDigest(string original, string expected)
    {
        var image = ImageReference.Parse(original);

        var served = ServedImageNames.Reference(Served, image.Registry, image.Repository, original);

        Assert.Equal(expected, served);
        Assert.Equal(Digest, ImageReference.Parse(served).Digest);
    }

    [Fact]
    public void Repository_SameNameOnEveryRegistry_NeverCollides()
    {
        string[] registries = ["docker.io", "quay.io", "gcr.io", "k8s.gcr.io", "registry.k8s.io", "127.0.0.1:5000", "127.0.0.1:5001", "localhost", "[::1]:5000"];

        var names = registries.Select(r => ServedImageNames.Repository(r, "team/app")).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(names, n => Assert.True(ImageReference.TryParse("served.example/" + n, out var parsed) && parsed.Repository == n, n));
    }

    [Theory]
    [InlineData("bundle.example", "bundle.example/k8s.gcr.io/pause:3.2")]
    [InlineData("10.0.0.5:5000", "10.0.0.5:5000/k8s.gcr.io/pause:3.2")]
    [InlineData("[fd00::5]:5000", "[fd00::5]:5000/k8s.gcr.io/pause:3.2")]
    public void Reference_ServedHostWithOrWithoutPort_IsThePrefix(string servedHost, string expected)
    {
        Assert.Equal(expected, ServedImageNames.Reference(servedHost, "k8s.gcr.io", "pause", "k8s.gcr.io/pause:3.2"));
        Assert.Equal(servedHost, ImageReference.Parse(expected).Registry);
    }
}
