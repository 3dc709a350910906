using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Universe.Auth;

/// <summary>The access policy names of the <c>Token</c> scheme.</summary>
internal static class AccessPolicies
{
    /// <summary>Token when configured; open without one.</summary>
    public const string Read = "universe:read";

    /// <summary>Token when configured; without one, loopback listeners only.</summary>
    public const string Change = "universe:change";

    /// <summary>The Marathon API: reads as <see cref="Read"/>, changes as <see cref="Change"/>.</summary>
    public const string MarathonApi = "universe:marathon";
}

/// <summary>Registers the <c>Token</c> scheme, its access handler and the policies (ASP.NET Core authentication and authorization).</summary>
internal static class TokenAuthServiceCollectionExtensions
{
    /// <summary>
    /// Adds the scheme (configure <see cref="TokenAuthenticationOptions"/> under <see cref="TokenAuthenticationHandler.SchemeName"/>),
    /// the three <see cref="AccessPolicies"/>, and the fallback policy every endpoint without its own gets.
    /// </summary>
    public static IServiceCollection AddTokenAuth(this IServiceCollection services, AnonymousAccess fallback)
    {
        services.AddAuthentication(TokenAuthenticationHandler.SchemeName)
            .AddScheme<TokenAuthenticationOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAuthorizationHandler, TokenAccessHandler>());
        services.AddAuthorizationBuilder()
            .AddPolicy(AccessPolicies.Read, p => p.AddRequirements(new TokenAccessRequirement(AnonymousAccess.WithoutToken)))
            .AddPolicy(AccessPolicies.Change, p => p.AddRequirements(new TokenAccessRequirement(AnonymousAccess.LoopbackOnly)))
            .AddPolicy(AccessPolicies.MarathonApi, p => p.AddRequirements(new TokenAccessRequirement(AnonymousAccess.ReadsWithoutTokenChangesLoopbackOnly)))
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().AddRequirements(new TokenAccessRequirement(fallback)).Build());
        return services;
    }
}
