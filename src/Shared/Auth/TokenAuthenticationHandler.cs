using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Universe.Auth;

/// <summary>
/// The <c>Token</c> authentication scheme shared by Cosmos and the standalone Runtime: a request that carries the
/// configured token as <c>Authorization: Bearer &lt;t&gt;</c> or <c>Authorization: token=&lt;t&gt;</c> (what the DC/OS CLI
/// sends) is authenticated; the comparison hashes both sides and runs in constant time. Without a configured token
/// nothing is authenticated (the <see cref="TokenAccessHandler"/> then decides by listen address). The challenge answers
/// 401 with <c>WWW-Authenticate: Bearer</c> and a body in the caller's error model (<see cref="TokenAuthenticationOptions.WriteChallenge"/>).
/// </summary>
internal sealed class TokenAuthenticationHandler(
    IOptionsMonitor<TokenAuthenticationOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<TokenAuthenticationOptions>(options, logger, encoder)
{
    public const string SchemeName = "Token";
    private const string BearerPrefix = "Bearer ";
    private const string TokenPrefix = "token=";

    /// <summary>Constant-time comparison of a presented <c>Authorization</c> header with the configured token.</summary>
    public static bool Matches(string authorization, string token)
    {
        ArgumentNullException.ThrowIfNull(authorization);
        ArgumentNullException.ThrowIfNull(token);
        string presented;
        if (authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            presented = authorization[BearerPrefix.Length..].Trim();
        }
        else if (authorization.StartsWith(TokenPrefix, StringComparison.OrdinalIgnoreCase))
        {
            presented = authorization[TokenPrefix.Length..].Trim();
        }
        else
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(presented)), SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = Options.Token;
        if (string.IsNullOrEmpty(token))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var authorization = Request.Headers.Authorization.ToString();
        if (authorization.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!Matches(authorization, token))
        {
            return Task.FromResult(AuthenticateResult.Fail("The token does not match"));
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "token")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        var message = string.IsNullOrEmpty(Options.Token)
            ? $"This server listens on a non-loopback address and refuses this request until a token is configured: set {Options.TokenKey} and send Authorization: Bearer <token>"
            : $"Unable to complete request: send Authorization: Bearer <token> (or token=<token>) with the token configured in {Options.TokenKey}";
        await Options.WriteChallenge(Context, message);
    }
}

/// <summary>Options of <see cref="TokenAuthenticationHandler"/>.</summary>
internal sealed class TokenAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>The token; null or empty: none configured. Never logged.</summary>
    public string? Token { get; set; }

    /// <summary>The configuration key of the token, named in 401 messages (never the token itself).</summary>
    public string TokenKey { get; set; } = "Auth:Token";

    /// <summary>Writes the 401 body (status and <c>WWW-Authenticate</c> are set already) in the host's error model.</summary>
    public Func<HttpContext, string, Task> WriteChallenge { get; set; } =
        (http, message) => http.Response.WriteAsJsonAsync(new Dictionary<string, string> { ["message"] = message }, http.RequestAborted);
}
