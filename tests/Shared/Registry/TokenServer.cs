using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Universe.Testing.Registry;

/// <summary>
/// A Docker Registry token service on a free 127.0.0.1 port (Kestrel): answers
/// <c>GET /token?service=…&amp;scope=repository:name:pull,push</c> with an ES256 JWT whose <c>x5c</c> header carries a
/// self-signed certificate the registry trusts through its <c>rootcertbundle</c>. The configured user gets every action
/// asked for; anonymous clients get <c>pull</c> on repositories under <c>public/</c> only. Wrong credentials get 401.
/// </summary>
public sealed class TokenServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ECDsa _key;
    private readonly X509Certificate2 _certificate;
    private int _issued;

    private TokenServer(WebApplication app, ECDsa key, X509Certificate2 certificate, string realm)
    {
        _app = app;
        _key = key;
        _certificate = certificate;
        Realm = realm;
    }

    /// <summary>The realm URL (<c>http://127.0.0.1:&lt;port&gt;/token</c>).</summary>
    public string Realm { get; }

    /// <summary>The signing certificate as PEM (the registry's <c>rootcertbundle</c>).</summary>
    public string CertificatePem => _certificate.ExportCertificatePem();

    /// <summary>How many tokens were issued (to assert caching).</summary>
    public int TokensIssued => Volatile.Read(ref _issued);

    /// <summary>The scopes asked for, in order (to assert what clients requested).</summary>
    public List<string> Requests { get; } = [];

    /// <summary>Starts a token server.</summary>
    public static async Task<TokenServer> StartAsync(string username, string password, string service, string issuer)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=universe-test-token-signer", key, HashAlgorithmName.SHA256);
        var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(2));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        TokenServer? self = null;
        app.MapGet("/token", (HttpContext context) => self!.Issue(context, username, password, service, issuer));
        await app.StartAsync();
        var address = app.Urls.First();
        self = new TokenServer(app, key, certificate, address.TrimEnd('/') + "/token");
        return self;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _certificate.Dispose();
        _key.Dispose();
    }

    private IResult Issue(HttpContext context, string username, string password, string service, string issuer)
    {
        var user = (string?)null;
        var header = context.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            if (decoded != $"{username}:{password}")
            {
                return Results.Json(new { errors = new[] { new { code = "UNAUTHORIZED", message = "bad credentials" } } }, statusCode: 401);
            }

            user = username;
        }

        if (context.Request.Query["service"].ToString() != service)
        {
            return Results.Json(new { errors = new[] { new { code = "DENIED", message = "unknown service" } } }, statusCode: 400);
        }

        var access = new List<object>();
        foreach (var scope in context.Request.Query["scope"].SelectMany(s => (s ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries)))
        {
            lock (Requests)
            {
                Requests.Add(scope);
            }

            var parts = scope.Split(':');
            if (parts.Length != 3 || parts[0] != "repository")
            {
                continue;
            }

            var actions = parts[2].Split(',', StringSplitOptions.RemoveEmptyEntries);
            if (user is null)
            {
                actions = parts[1].StartsWith("public/", StringComparison.Ordinal) ? actions.Where(a => a == "pull").ToArray() : [];
            }

            access.Add(new { type = "repository", name = parts[1], actions });
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var headerJson = JsonSerializer.Serialize(new { typ = "JWT", alg = "ES256", x5c = new[] { Convert.ToBase64String(_certificate.RawData) } });
        var claims = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["iss"] = issuer,
            ["sub"] = user ?? string.Empty,
            ["aud"] = service,
            ["exp"] = now + 300,
            ["nbf"] = now - 10,
            ["iat"] = now,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["access"] = access,
        });
        var signingInput = Base64Url(Encoding.UTF8.GetBytes(headerJson)) + "." + Base64Url(Encoding.UTF8.GetBytes(claims));
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        var token = signingInput + "." + Base64Url(signature);
        Interlocked.Increment(ref _issued);
        return Results.Json(new { token, access_token = token, expires_in = 300, issued_at = DateTimeOffset.UtcNow.ToString("O") });
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
