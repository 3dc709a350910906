using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;
using Universe.Cosmos.Errors;

namespace Universe.Cosmos.Http;

/// <summary>
/// The check behind <see cref="CosmosRpc.RequireCosmosToken"/>: with <c>Cosmos:Auth:Token</c> set, the request must
/// carry <c>Authorization: Bearer {token}</c> (compared in constant time); without a token, only a Cosmos listening
/// on loopback addresses only accepts the call.
/// </summary>
public static class CosmosTokenGuard
{
    private const string BearerPrefix = "Bearer ";

    /// <summary>Null when the request may proceed, otherwise the 401 error to answer with.</summary>
    public static Unauthorized? Check(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var services = httpContext.RequestServices;
        var token = services.GetRequiredService<IOptions<CosmosOptions>>().Value.Auth.Token;
        if (!string.IsNullOrEmpty(token))
        {
            return Matches(httpContext.Request.Headers.Authorization.ToString(), token)
                ? null
                : new Unauthorized("cosmos", "cosmos", "Unable to complete request: send Authorization: Bearer <token> with the token configured in Cosmos:Auth:Token");
        }

        return ListenAddresses.AreLoopbackOnly(services.GetService<IServer>())
            ? null
            : new Unauthorized("cosmos", "cosmos", "Cosmos listens on a non-loopback address and refuses changes until a token is configured: set Cosmos:Auth:Token and send Authorization: Bearer <token>");
    }

    /// <summary>Constant-time comparison of the presented bearer token with the configured one (both hashed, so lengths do not leak).</summary>
    internal static bool Matches(string authorization, string token)
    {
        if (!authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(authorization[BearerPrefix.Length..].Trim()));
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        return CryptographicOperations.FixedTimeEquals(presented, expected);
    }
}
