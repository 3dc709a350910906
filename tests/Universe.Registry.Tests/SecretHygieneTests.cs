using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Universe.Testing.Registry;

namespace Universe.Registry.Tests;

public sealed class SecretHygieneTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("universe-secrets-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [RegistryFact]
    public async Task TokenPull_EveryLogLineAndError_FreeOfPasswordAndToken()
    {
        var images = await TestImages.SharedAsync();
        await using var registry = await RegistryServer.StartAsync(RegistryAuthMode.Token);
        var image = ImageReference.Parse(await images.PushAsync(registry, TestImages.Hello, "private/hello", "1.0"));
        var logger = new CapturingLogger();
        var registries = new RegistrySettings();
        registries.Hosts[registry.Host] = new RegistryHostSettings { Username = registry.Username, PasswordFile = registry.WritePasswordFile() };
        using var client = new RegistryClient(new RegistryClientOptions { Registries = registries }, logger);
        var wrong = new RegistrySettings();
        wrong.Hosts[registry.Host] = new RegistryHostSettings { Username = registry.Username, Password = "inline-wrong-secret" };
        using var wrongClient = new RegistryClient(new RegistryClientOptions { Registries = wrong }, logger);

        await new ImagePuller(client, new BlobStore(_root)).PullAsync(image);
        var error = await Assert.ThrowsAsync<RegistryException>(() => wrongClient.ResolveAsync(image));

        Assert.NotEmpty(logger.Lines);
        var everything = string.Join('\n', logger.Lines) + error;
        Assert.DoesNotContain(registry.Password, everything, StringComparison.Ordinal);
        Assert.DoesNotContain("inline-wrong-secret", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("Bearer", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ", everything, StringComparison.Ordinal);
    }

    [RegistryFact]
    public async Task Tokens_CachedUntilExpiryThenRenewed()
    {
        var images = await TestImages.SharedAsync();
        await using var registry = await RegistryServer.StartAsync(RegistryAuthMode.Token);
        var image = ImageReference.Parse(await images.PushAsync(registry, TestImages.Web, "public/web", "1.0"));
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var client = new RegistryClient(new RegistryClientOptions { TimeProvider = time });

        await client.ResolveAsync(image);
        var first = registry.TokenServer!.TokensIssued;
        await client.ResolveAsync(image);
        var cached = registry.TokenServer.TokensIssued;
        time.Advance(TimeSpan.FromMinutes(10));
        await client.ResolveAsync(image);
        var renewed = registry.TokenServer.TokensIssued;

        Assert.Equal(first, cached);
        Assert.Equal(first + 1, renewed);
    }

    private sealed class CapturingLogger : ILogger<RegistryClient>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines)
            {
                Lines.Add(formatter(state, exception) + exception);
            }
        }
    }
}
