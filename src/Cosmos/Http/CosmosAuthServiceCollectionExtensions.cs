using Microsoft.Extensions.Options;
using Universe.Auth;
using Universe.Cosmos.Errors;

namespace Universe.Cosmos.Http;

/// <summary>
/// Cosmos's access control, with ASP.NET Core authentication (the shared <c>Token</c> scheme) and authorization policies:
/// with <c>Cosmos:Auth:Token</c> set, every endpoint needs it (<c>Authorization: Bearer &lt;t&gt;</c> or <c>token=&lt;t&gt;</c>)
/// except those marked anonymous (<c>/capabilities</c>, <c>/ping</c>, the GUI). Without a token, reads stay open and
/// changes (<see cref="AccessPolicies.Change"/>, and non-GET calls to <c>/marathon</c>) need a loopback-only listener;
/// a Cosmos listening off loopback without a token logs a warning at start.
/// </summary>
internal static class CosmosAuthServiceCollectionExtensions
{
    public static IServiceCollection AddCosmosAuth(this IServiceCollection services)
    {
        services.AddTokenAuth(AnonymousAccess.WithoutToken);
        services.AddOptions<TokenAuthenticationOptions>(TokenAuthenticationHandler.SchemeName)
            .Configure<IOptions<CosmosOptions>>((options, cosmos) =>
            {
                options.Token = cosmos.Value.Auth.Token;
                options.TokenKey = "Cosmos:Auth:Token";
                options.WriteChallenge = WriteChallengeAsync;
            });
        services.AddSingleton(new ListenAddressPolicy("Cosmos", "Cosmos:Auth:Token", Refuse: false, AllowAnonymous: false));
        services.AddHostedService<ListenAddressCheck>();
        return services;
    }

    private static Task WriteChallengeAsync(HttpContext http, string message) =>
        MarathonErrorWriter.IsMarathonPath(http)
            ? MarathonErrorWriter.WriteAsync(http, StatusCodes.Status401Unauthorized, message, http.RequestAborted)
            : CosmosErrorWriter.WriteAsync(http, new Unauthorized("cosmos", "cosmos", message), http.RequestAborted);
}
