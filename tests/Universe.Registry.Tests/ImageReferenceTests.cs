namespace Universe.Registry.Tests;

public sealed class ImageReferenceTests
{
    [Theory]
    [InlineData("nginx", "docker.io", "library/nginx", "latest", null, "registry-1.docker.io")]
    [InlineData("nginx:1.25", "docker.io", "library/nginx", "1.25", null, "registry-1.docker.io")]
    [InlineData("mesosphere/marathon:v1.11", "docker.io", "mesosphere/marathon", "v1.11", null, "registry-1.docker.io")]
    [InlineData("docker.io/nginx", "docker.io", "library/nginx", "latest", null, "registry-1.docker.io")]
    [InlineData("index.docker.io/library/nginx:1", "docker.io", "library/nginx", "1", null, "registry-1.docker.io")]
    [InlineData("quay.io/coreos/etcd:v3.5.0", "quay.io", "coreos/etcd", "v3.5.0", null, "quay.io")]
    [InlineData("gcr.io/google-containers/pause:3.1", "gcr.io", "google-containers/pause", "3.1", null, "gcr.io")]
    [InlineData("k8s.gcr.io/kube-proxy:v1.20.0", "k8s.gcr.io", "kube-proxy", "v1.20.0", null, "k8s.gcr.io")]
    [InlineData("127.0.0.1:5000/team/web:2.0", "127.0.0.1:5000", "team/web", "2.0", null, "127.0.0.1:5000")]
    [InlineData("localhost/app", "localhost", "app", "latest", null, "localhost")]
    [InlineData("Registry.Example.COM:443/a/b_c__d-e.f:T_1", "registry.example.com:443", "a/b_c__d-e.f", "T_1", null, "registry.example.com:443")]
    [InlineData("[::1]:5000/x/y:z", "[::1]:5000", "x/y", "z", null, "[::1]:5000")]
    public void Parse_ValidReference_NormalizesRegistryRepositoryAndTag(string input, string registry, string repository, string tag, string? digest, string endpoint)
    {
        var reference = ImageReference.Parse(input);

        Assert.Equal(registry, reference.Registry);
        Assert.Equal(repository, reference.Repository);
        Assert.Equal(tag, reference.Tag);
        Assert.Equal(digest, reference.Digest);
        Assert.Equal(endpoint, reference.Endpoint);
    }

    [Fact]
    public void Parse_Digest_ReferenceIsTheDigest()
    {
        var digest = "sha256:" + new string('a', 64);

        var byDigest = ImageReference.Parse("busybox@" + digest);
        var both = ImageReference.Parse("quay.io/a/b:1.0@" + digest);

        Assert.Null(byDigest.Tag);
        Assert.Equal(digest, byDigest.Reference);
        Assert.True(byDigest.IsDigest);
        Assert.Equal("docker.io/library/busybox@" + digest, byDigest.ToString());
        Assert.Equal("1.0", both.Tag);
        Assert.Equal(digest, both.Reference);
        Assert.Equal("quay.io/a/b:1.0@" + digest, both.ToString());
    }

    [Fact]
    public void Parse_NoTag_DefaultsToLatestAndSaysSo()
    {
        var reference = ImageReference.Parse("nginx");

        Assert.True(reference.IsTagDefaulted);
        Assert.Equal("docker.io/library/nginx:latest", reference.ToString());
        Assert.False(ImageReference.Parse("nginx:latest").IsTagDefaulted);
    }

    [Fact]
    public void WithDigest_FloatingTag_PinsAndKeepsExplicitTag()
    {
        var digest = "sha256:" + new string('b', 64);

        Assert.Equal("docker.io/library/nginx@" + digest, ImageReference.Parse("nginx").WithDigest(digest).ToString());
        Assert.Equal("docker.io/library/nginx:1.25@" + digest, ImageReference.Parse("nginx:1.25").WithDigest(digest).ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("nginx latest")]
    [InlineData("nginx\n")]
    [InlineData("nginx\u0000")]
    [InlineData("ngïnx")]
    [InlineData("NGINX")]
    [InlineData("http://registry/nginx")]
    [InlineData("/nginx")]
    [InlineData("nginx/")]
    [InlineData("a//b")]
    [InlineData("../etc/passwd")]
    [InlineData("library/../../etc")]
    [InlineData("nginx:")]
    [InlineData("nginx:-bad")]
    [InlineData("nginx:a/b")]
    [InlineData("nginx@sha256:abc")]
    [InlineData("nginx@md5:0123456789abcdef0123456789abcdef")]
    [InlineData("nginx@sha256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("host:99999/app")]
    [InlineData("host:0/app")]
    [InlineData("-bad.example.com/app")]
    [InlineData("[zz::1]:5000/app")]
    [InlineData("a..b")]
    [InlineData("a--")]
    public void TryParse_HostileOrMalformed_RefusedWithReason(string input)
    {
        var ok = ImageReference.TryParse(input, out var result, out var error);

        Assert.False(ok);
        Assert.Null(result);
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.DoesNotContain('\n', error);
        Assert.DoesNotContain('\0', error);
    }

    [Fact]
    public void Parse_TooLong_Refused()
    {
        var longName = "quay.io/" + string.Join('/', Enumerable.Repeat(new string('a', 60), 5));

        var error = Assert.Throws<FormatException>(() => ImageReference.Parse(longName));

        Assert.Contains("255", error.Message, StringComparison.Ordinal);
        Assert.False(ImageReference.TryParse(new string('a', 100_000), out _));
    }

    [Fact]
    public void Parse_TagTooLong_Refused()
    {
        Assert.True(ImageReference.TryParse("a:" + new string('t', 128), out _));
        Assert.False(ImageReference.TryParse("a:" + new string('t', 129), out _));
    }
}
