using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Configuration;

namespace Universe.Registry.Tests;

public sealed class ProxySettingsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("universe-proxy-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Func<string, string?> Env(params (string Name, string Value)[] vars) =>
        name => vars.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Create_ExplicitProxy_AppliesToEveryHostIncludingLoopback()
    {
        var settings = ProxySettings.Create("http://127.0.0.1:3128", environment: Env());

        Assert.Equal(new Uri("http://127.0.0.1:3128/"), settings.GetProxy(new Uri("http://127.0.0.1:8080/x")));
        Assert.Equal(new Uri("http://127.0.0.1:3128/"), settings.GetProxy(new Uri("https://localhost:8443/x")));
        Assert.Equal(new Uri("http://127.0.0.1:3128/"), settings.GetProxy(new Uri("https://quay.io/v2/")));
    }

    [Fact]
    public void Create_NoProxy_BypassesHostsDomainsPortsAndNetworks()
    {
        var settings = ProxySettings.Create("proxy.corp:3128", noProxy: "internal.corp, .svc.local,registry:5000,10.0.0.0/8, ::1", environment: Env());

        Assert.Null(settings.GetProxy(new Uri("http://internal.corp/")));
        Assert.Null(settings.GetProxy(new Uri("http://a.internal.corp/")));
        Assert.Null(settings.GetProxy(new Uri("http://x.svc.local/")));
        Assert.Null(settings.GetProxy(new Uri("http://registry:5000/")));
        Assert.NotNull(settings.GetProxy(new Uri("http://registry:5001/")));
        Assert.Null(settings.GetProxy(new Uri("http://10.1.2.3/")));
        Assert.NotNull(settings.GetProxy(new Uri("http://11.1.2.3/")));
        Assert.Null(settings.GetProxy(new Uri("http://[::1]:80/")));
        Assert.NotNull(settings.GetProxy(new Uri("http://notinternal.corp/")));
    }

    [Fact]
    public void Create_MalformedNoProxyEntries_NeverThrowAndBypassNothingTheyDoNotName()
    {
        var junk = "10.0.0.0/99, 1.2.3.4/-1, [::1, :, *., host:99999, host:x, ,;;, \u0000, ../..," + string.Concat(Enumerable.Repeat("a.b,", 10_000));

        var settings = ProxySettings.Create("proxy.corp:3128", noProxy: junk + "kept.corp", environment: Env());

        Assert.NotNull(settings.GetProxy(new Uri("http://10.1.2.3/")));
        Assert.NotNull(settings.GetProxy(new Uri("http://1.2.3.4/")));
        Assert.NotNull(settings.GetProxy(new Uri("http://other.corp/")));
        Assert.NotNull(settings.GetProxy(new Uri("http://[::2]/")));
        Assert.Null(settings.GetProxy(new Uri("http://kept.corp/")));
        Assert.Null(settings.GetProxy(new Uri("http://a.b/")));
    }

    [Fact]
    public void FromEnvironment_SchemeSpecificProxiesAndUserInfo_UsedAndNeverPrinted()
    {
        var settings = ProxySettings.FromEnvironment(Env(
            ("HTTPS_PROXY", "http://alice:s%40cret@secure-proxy:3128"),
            ("http_proxy", "http://plain-proxy:8080"),
            ("NO_PROXY", "*.example.org")));

        Assert.Equal("secure-proxy", settings.GetProxy(new Uri("https://quay.io/"))!.Host);
        Assert.Equal("plain-proxy", settings.GetProxy(new Uri("http://quay.io/"))!.Host);
        Assert.Null(settings.GetProxy(new Uri("https://a.example.org/")));
        var credential = settings.ReadCredentials(settings.HttpsProxy);
        Assert.Equal("alice", credential!.UserName);
        Assert.Equal("s@cret", credential.Password);
        Assert.DoesNotContain("s@cret", settings.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("s%40cret", settings.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("alice", settings.HttpsProxy!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCredentials_File_ReReadAtEveryCall()
    {
        var file = Path.Combine(_dir, "proxy-creds");
        File.WriteAllText(file, "alice:first\n");
        var settings = ProxySettings.Create("http://127.0.0.1:3128", credentialsFile: file, environment: Env());

        var before = settings.ReadCredentials();
        File.WriteAllText(file, "alice:rotated:with:colons\n");
        var after = settings.ReadCredentials();

        Assert.Equal("first", before!.Password);
        Assert.Equal("rotated:with:colons", after!.Password);
        Assert.Equal("rotated:with:colons", settings.CreateWebProxy()!.Credentials!.GetCredential(new Uri("http://127.0.0.1:3128"), "Basic")!.Password);
    }

    [Fact]
    public void ReadCredentials_UserWithoutPassword_TakesUniverseProxyPassword()
    {
        var settings = ProxySettings.Create("http://alice@127.0.0.1:3128", environment: Env((ProxySettings.PasswordEnvironmentVariable, "from-env")));
        var separate = ProxySettings.Create("http://127.0.0.1:3128", username: "bob", environment: Env((ProxySettings.PasswordEnvironmentVariable, "env2")));

        Assert.Equal(new NetworkCredential("alice", "from-env").Password, settings.ReadCredentials()!.Password);
        Assert.Equal("bob", separate.ReadCredentials()!.UserName);
        Assert.Equal("env2", separate.ReadCredentials()!.Password);
    }

    [Fact]
    public void ReadCredentials_MalformedOrMissingFile_ClearErrorWithoutContent()
    {
        var file = Path.Combine(_dir, "bad");
        File.WriteAllText(file, "no-colon-secret\n");
        var bad = ProxySettings.Create("http://127.0.0.1:3128", credentialsFile: file, environment: Env());
        var missing = ProxySettings.Create("http://127.0.0.1:3128", credentialsFile: Path.Combine(_dir, "absent"), environment: Env());

        var e1 = Assert.Throws<RegistryException>(() => bad.ReadCredentials());
        var e2 = Assert.Throws<RegistryException>(() => missing.ReadCredentials());

        Assert.DoesNotContain("no-colon-secret", e1.Message, StringComparison.Ordinal);
        Assert.Contains("user:password", e1.Message, StringComparison.Ordinal);
        Assert.Equal(RegistryErrorKind.ProxyAuthenticationRequired, e2.Kind);
    }

    [Fact]
    public void None_CreatesHandlerWithoutProxy()
    {
        using var handler = ProxySettings.None.CreateHandler();

        Assert.False(handler.UseProxy);
        Assert.False(ProxySettings.None.IsEnabled);
    }

    [Fact]
    public void FromConfiguration_ReadsUrlCredentialsFileAndNoProxy()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Cosmos:Proxy:Url"] = "http://squid:3128",
            ["Cosmos:Proxy:CredentialsFile"] = "/run/secrets/proxy",
            ["Cosmos:Proxy:NoProxy"] = "localhost,127.0.0.1",
        }).Build();

        var settings = ProxySettings.FromConfiguration(config.GetSection("Cosmos:Proxy"), Env());

        Assert.Equal("squid", settings.HttpsProxy!.Host);
        Assert.Equal("/run/secrets/proxy", settings.CredentialsFile);
        Assert.Null(settings.GetProxy(new Uri("http://localhost/")));
    }

    [Fact]
    public void Create_InvalidProxyUrl_FormatException()
    {
        Assert.Throws<FormatException>(() => ProxySettings.Create("ftp://proxy:21", environment: Env()));
    }

    [Fact]
    public void AddPreemptiveCredentials_OnlyForPlainHttpThroughAProxyThatTookBasic()
    {
        var file = Path.Combine(_dir, "creds");
        File.WriteAllText(file, "alice:pw\n");
        var settings = ProxySettings.Create("http://127.0.0.1:3128", credentialsFile: file, noProxy: "direct.example", environment: Env());
        using var first = new HttpRequestMessage(HttpMethod.Get, "http://registry.example/v2/");
        using var plain = new HttpRequestMessage(HttpMethod.Get, "http://registry.example/v2/");
        using var tls = new HttpRequestMessage(HttpMethod.Get, "https://registry.example/v2/");
        using var bypassed = new HttpRequestMessage(HttpMethod.Get, "http://direct.example/v2/");

        var before = settings.AddPreemptiveCredentials(first);
        first.Headers.ProxyAuthorization = new AuthenticationHeaderValue("Basic", "YWxpY2U6cHc=");
        using var accepted = new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = first };
        settings.RememberProxyScheme(accepted);

        Assert.False(before);
        Assert.True(settings.AddPreemptiveCredentials(plain));
        Assert.False(settings.AddPreemptiveCredentials(tls));
        Assert.False(settings.AddPreemptiveCredentials(bypassed));
        Assert.False(ProxySettings.None.AddPreemptiveCredentials(bypassed));
        Assert.Equal("Basic", plain.Headers.ProxyAuthorization!.Scheme);
        Assert.Null(tls.Headers.ProxyAuthorization);
        Assert.Null(bypassed.Headers.ProxyAuthorization);
    }

    [Theory]
    [InlineData("NTLM", HttpStatusCode.OK)]
    [InlineData("Negotiate", HttpStatusCode.OK)]
    [InlineData("Basic", HttpStatusCode.ProxyAuthenticationRequired)]
    public void AddPreemptiveCredentials_ProxyTookNoBasic_SendsNothingUpFront(string scheme, HttpStatusCode status)
    {
        var file = Path.Combine(_dir, "creds");
        File.WriteAllText(file, "CORP\\alice:pw\n");
        var settings = ProxySettings.Create("http://127.0.0.1:3128", credentialsFile: file, environment: Env());
        using var first = new HttpRequestMessage(HttpMethod.Get, "http://registry.example/v2/");
        using var next = new HttpRequestMessage(HttpMethod.Get, "http://registry.example/v2/");
        first.Headers.ProxyAuthorization = new AuthenticationHeaderValue(scheme, "dG9rZW4=");
        using var response = new HttpResponseMessage(status) { RequestMessage = first };

        settings.RememberProxyScheme(response);

        Assert.False(settings.AddPreemptiveCredentials(next));
        Assert.Null(next.Headers.ProxyAuthorization);
    }

    [Theory]
    [InlineData(@"CORP\alice", "alice", "CORP")]
    [InlineData("alice", "alice", "")]
    [InlineData(@"\alice", @"\alice", "")]
    [InlineData(@"alice\", @"alice\", "")]
    [InlineData("alice@CORP.EXAMPLE", "alice@CORP.EXAMPLE", "")]
    public void ReadCredentials_DomainBackslashUser_SplitIntoDomainAndUser(string given, string user, string domain)
    {
        var file = Path.Combine(_dir, "creds");
        File.WriteAllText(file, given + ":p:w\n");
        var fromFile = ProxySettings.Create("http://127.0.0.1:3128", credentialsFile: file, environment: Env());
        var fromUrl = ProxySettings.Create($"http://{Uri.EscapeDataString(given)}:p%3Aw@127.0.0.1:3128", environment: Env());

        var credentials = new[] { fromFile.ReadCredentials(), fromUrl.ReadCredentials() };

        Assert.All(credentials, c => Assert.Equal((user, domain, "p:w"), (c!.UserName, c.Domain, c.Password)));
    }

    [Fact]
    public void AddPreemptiveCredentials_DomainUser_BasicCarriesDomainBackslashUser()
    {
        var file = Path.Combine(_dir, "creds");
        File.WriteAllText(file, "CORP\\alice:pw\n");
        var settings = ProxySettings.Create("http://127.0.0.1:3128", credentialsFile: file, environment: Env());
        using var first = new HttpRequestMessage(HttpMethod.Get, "http://registry.example/v2/");
        first.Headers.ProxyAuthorization = new AuthenticationHeaderValue("Basic", "dG9rZW4=");
        using var accepted = new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = first };
        settings.RememberProxyScheme(accepted);
        using var next = new HttpRequestMessage(HttpMethod.Get, "http://registry.example/v2/");

        settings.AddPreemptiveCredentials(next);

        Assert.Equal(@"CORP\alice:pw", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(next.Headers.ProxyAuthorization!.Parameter!)));
    }
}
