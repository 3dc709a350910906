using Microsoft.Extensions.Options;
using Universe.Auth;

namespace Universe.Runtime.Hosting;

/// <summary>What only the standalone Runtime (src/Runtime/Host) adds: its own token authentication and the listen-address check.</summary>
internal static class RuntimeHostServiceCollectionExtensions
{
    /// <summary>
    /// <c>Runtime:Auth:Token</c> through ASP.NET Core authentication and authorization: every endpoint but <c>/ping</c>
    /// needs it when set. Without it, only loopback listeners are served, and the Runtime refuses to start off loopback
    /// unless <c>Runtime:Auth:AllowAnonymous=true</c> (then it warns at every start).
    /// </summary>
    public static IServiceCollection AddRuntimeHostAuth(this IServiceCollection services, IConfiguration configuration)
    {
        var auth = configuration.GetSection(RuntimeAuthOptions.SectionName).Get<RuntimeAuthOptions>() ?? new RuntimeAuthOptions();
        services.AddTokenAuth(auth.AllowAnonymous ? AnonymousAccess.WithoutToken : AnonymousAccess.LoopbackOnly);
        services.AddOptions<TokenAuthenticationOptions>(TokenAuthenticationHandler.SchemeName)
            .Configure(o =>
            {
                o.Token = auth.Token;
                o.TokenKey = "Runtime:Auth:Token";
            });
        services.AddSingleton(new ListenAddressPolicy("Runtime", "Runtime:Auth:Token", Refuse: true, auth.AllowAnonymous));
        services.AddHostedService<ListenAddressCheck>();
        return services;
    }
}
