using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Universe.Auth;
using Universe.Runtime.Tests.TestSupport;

namespace Universe.Runtime.Tests.Hosting;

public sealed class RuntimeAuthTests
{
    private static readonly Dictionary<string, string?> WithToken = new() { ["Runtime:Auth:Token"] = "s3cret" };

    [Theory]
    [InlineData("v2/apps")]
    [InlineData("v2/info")]
    [InlineData("v2/tasks")]
    [InlineData("v2/events")]
    [InlineData("runtime/info")]
    public async Task Get_TokenConfiguredNoToken_Returns401WithMarathonBody(string path)
    {
        await using var host = await RuntimeTestHost.StartAsync(WithToken);

        using var response = await host.Client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Contains("Runtime:Auth:Token", body, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostApp_TokenConfiguredNoToken_Returns401AndCreatesNothing()
    {
        await using var host = await RuntimeTestHost.StartAsync(WithToken);

        using var post = await host.PostJsonAsync("v2/apps", """{"id":"pwned","cmd":"id > pwned"}""");
        host.Client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer s3cret");
        var apps = await host.GetJsonAsync("v2/apps");

        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
        Assert.Empty(apps["apps"]!.AsArray());
    }

    [Theory]
    [InlineData("Bearer s3cret")]
    [InlineData("token=s3cret")]
    public async Task PostApp_TokenPresented_IsAccepted(string authorization)
    {
        await using var host = await RuntimeTestHost.StartAsync(WithToken);
        host.Client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);

        using var post = await host.PostJsonAsync("v2/apps", """{"id":"ok","cmd":"sleep 100"}""");

        Assert.Equal(HttpStatusCode.Created, post.StatusCode);
    }

    [Fact]
    public async Task Ping_TokenConfiguredNoToken_IsOpen()
    {
        await using var host = await RuntimeTestHost.StartAsync(WithToken);

        var body = await host.Client.GetStringAsync("ping");

        Assert.Equal("pong", body);
    }

    [Fact]
    public async Task Start_NonLoopbackWithoutToken_Refused()
    {
        var check = Check(token: null, allowAnonymous: false, out _);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => check.StartedAsync(CancellationToken.None));

        Assert.Contains("Runtime:Auth:Token", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_NonLoopbackWithoutTokenAllowAnonymous_StartsWithWarning()
    {
        var check = Check(token: null, allowAnonymous: true, out var log);

        await check.StartedAsync(CancellationToken.None);

        Assert.Contains(log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("AllowAnonymous", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_NonLoopbackWithToken_StartsSilently()
    {
        var check = Check(token: "s3cret", allowAnonymous: false, out var log);

        await check.StartedAsync(CancellationToken.None);

        Assert.Empty(log.Entries);
    }

    private static ListenAddressCheck Check(string? token, bool allowAnonymous, out ListLogger<ListenAddressCheck> log)
    {
        var server = new FakeServer("http://0.0.0.0:8080");
        var options = new OptionsMonitorStub(new TokenAuthenticationOptions { Token = token });
        log = new ListLogger<ListenAddressCheck>();
        return new ListenAddressCheck(server, options, new ListenAddressPolicy("Runtime", "Runtime:Auth:Token", Refuse: true, allowAnonymous), log);
    }

    private sealed class FakeServer : IServer
    {
        public FakeServer(string address)
        {
            var addresses = new ServerAddressesFeature();
            addresses.Addresses.Add(address);
            Features.Set<IServerAddressesFeature>(addresses);
        }

        public IFeatureCollection Features { get; } = new FeatureCollection();

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }

    private sealed class OptionsMonitorStub(TokenAuthenticationOptions value) : IOptionsMonitor<TokenAuthenticationOptions>
    {
        public TokenAuthenticationOptions CurrentValue => value;

        public TokenAuthenticationOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<TokenAuthenticationOptions, string?> listener) => null;
    }
}
