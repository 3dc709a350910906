using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;

namespace Universe.Auth;

/// <summary>Who may pass a <see cref="TokenAccessRequirement"/> without the token.</summary>
internal enum AnonymousAccess
{
    /// <summary>With a token configured, nobody; without one, everybody.</summary>
    WithoutToken,

    /// <summary>With a token configured, nobody; without one, only while the server listens on loopback addresses only.</summary>
    LoopbackOnly,

    /// <summary>GET and HEAD as <see cref="WithoutToken"/>, everything else as <see cref="LoopbackOnly"/>.</summary>
    ReadsWithoutTokenChangesLoopbackOnly,
}

/// <summary>
/// The one authorization requirement behind the access policies: an authenticated request (the token matched) always
/// passes; otherwise <see cref="Anonymous"/> decides. A GET/HEAD that matched no endpoint (a static file or a 404) passes
/// too, so static files stay open whatever the middleware order.
/// </summary>
internal sealed record TokenAccessRequirement(AnonymousAccess Anonymous) : IAuthorizationRequirement;

/// <summary>Evaluates <see cref="TokenAccessRequirement"/> against the configured token and the server's listen addresses.</summary>
internal sealed class TokenAccessHandler(IOptionsMonitor<TokenAuthenticationOptions> options, IServiceProvider services)
    : AuthorizationHandler<TokenAccessRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, TokenAccessRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated == true)
        {
            context.Succeed(requirement);
            return Task.CompletedTask;
        }

        var http = context.Resource as HttpContext;
        var read = http is not null && (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method));
        if (read && http!.GetEndpoint() is null)
        {
            context.Succeed(requirement);
            return Task.CompletedTask;
        }

        if (!string.IsNullOrEmpty(options.Get(TokenAuthenticationHandler.SchemeName).Token))
        {
            return Task.CompletedTask;
        }

        var open = requirement.Anonymous switch
        {
            AnonymousAccess.WithoutToken => true,
            AnonymousAccess.ReadsWithoutTokenChangesLoopbackOnly when read => true,
            _ => ListenAddresses.AreLoopbackOnly(services.GetService<IServer>()),
        };
        if (open)
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
