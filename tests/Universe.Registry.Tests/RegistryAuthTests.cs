using Universe.Testing.Registry;

namespace Universe.Registry.Tests;

public sealed class RegistryAuthTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("universe-auth-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static RegistryClientOptions WithCredentials(RegistryServer registry, string passwordFile) => new()
    {
        Registries = { Hosts = { [registry.Host] = new RegistryHostSettings { Username = registry.Username, PasswordFile = passwordFile } } },
    };

    [RegistryFact]
    public async Task BasicAuth_WithPasswordFile_PullsAndWithoutCredentialsSaysWhatToConfigure()
    {
        var images = await TestImages.SharedAsync();
        await using var registry = await RegistryServer.StartAsync(RegistryAuthMode.Basic);
        var reference = ImageReference.Parse(await images.PushAsync(registry, TestImages.Hello, "private/hello", "1.0"));
        var passwordFile = registry.WritePasswordFile();

        using var anonymous = new RegistryClient();
        var refused = await Assert.ThrowsAsync<RegistryException>(() => anonymous.ResolveAsync(reference));
        using var authed = new RegistryClient(WithCredentials(registry, passwordFile));
        var pulled = await new ImagePuller(authed, new BlobStore(_root)).PullAsync(reference);

        Assert.Equal(RegistryErrorKind.Unauthorized, refused.Kind);
        Assert.Contains("Username", refused.Message, StringComparison.Ordinal);
        Assert.Equal(images.Digests[TestImages.Hello], pulled.ManifestDigest);
    }

    [RegistryFact]
    public async Task BasicAuth_WrongPassword_UnauthorizedWithoutTheSecret_AndRotationWorksNextCall()
    {
        var images = await TestImages.SharedAsync();
        await using var registry = await RegistryServer.StartAsync(RegistryAuthMode.Basic);
        var reference = ImageReference.Parse(await images.PushAsync(registry, TestImages.Hello, "private/hello", "1.0"));
        var passwordFile = registry.WritePasswordFile("wrong-secret-value");
        using var client = new RegistryClient(WithCredentials(registry, passwordFile));

        var refused = await Assert.ThrowsAsync<RegistryException>(() => client.ResolveAsync(reference));
        await File.WriteAllTextAsync(passwordFile, registry.Password + "\n");
        var resolved = await client.ResolveAsync(reference);

        Assert.Equal(RegistryErrorKind.Unauthorized, refused.Kind);
        Assert.DoesNotContain("wrong-secret-value", refused.ToString(), StringComparison.Ordinal);
        Assert.Contains(registry.Username, refused.Message, StringComparison.Ordinal);
        Assert.Equal(images.Digests[TestImages.Hello], resolved.Manifest.Digest);
    }

    [RegistryFact]
    public async Task TokenAuth_AnonymousPublicAndCredentialedPrivate_TokensCachedPerScope()
    {
        var images = await TestImages.SharedAsync();
        await using var registry = await RegistryServer.StartAsync(RegistryAuthMode.Token);
        var publicRef = ImageReference.Parse(await images.PushAsync(registry, TestImages.Web, "public/web", "1.0"));
        var privateRef = ImageReference.Parse(await images.PushAsync(registry, TestImages.Hello, "private/hello", "1.0"));
        var passwordFile = registry.WritePasswordFile();

        using var anonymous = new RegistryClient();
        var publicPull = await new ImagePuller(anonymous, new BlobStore(Path.Combine(_root, "a"))).PullAsync(publicRef);
        var denied = await Assert.ThrowsAsync<RegistryException>(() => anonymous.ResolveAsync(privateRef));
        using var authed = new RegistryClient(WithCredentials(registry, passwordFile));
        var before = registry.TokenServer!.TokensIssued;
        var privatePull = await new ImagePuller(authed, new BlobStore(Path.Combine(_root, "b"))).PullAsync(privateRef);
        var afterFirst = registry.TokenServer.TokensIssued;
        await new ImagePuller(authed, new BlobStore(Path.Combine(_root, "c"))).PullAsync(privateRef);
        var afterSecond = registry.TokenServer.TokensIssued;

        Assert.Equal(images.Digests[TestImages.Web], publicPull.ManifestDigest);
        Assert.Equal(RegistryErrorKind.Unauthorized, denied.Kind);
        Assert.Equal(images.Digests[TestImages.Hello], privatePull.ManifestDigest);
        Assert.Equal(before + 1, afterFirst);
        Assert.Equal(afterFirst, afterSecond);
        Assert.Contains("repository:private/hello:pull", registry.TokenServer.Requests);
    }

    [RegistryFact]
    public async Task TokenAuth_WrongPassword_ClearUnauthorized()
    {
        var images = await TestImages.SharedAsync();
        await using var registry = await RegistryServer.StartAsync(RegistryAuthMode.Token);
        var reference = ImageReference.Parse(await images.PushAsync(registry, TestImages.Hello, "private/hello", "1.0"));
        using var client = new RegistryClient(WithCredentials(registry, registry.WritePasswordFile("not-the-password")));

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.ResolveAsync(reference));

        Assert.Equal(RegistryErrorKind.Unauthorized, error.Kind);
        Assert.Contains("refused the credentials", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", error.ToString(), StringComparison.Ordinal);
    }
}
