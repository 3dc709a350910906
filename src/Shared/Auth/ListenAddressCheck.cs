using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;

namespace Universe.Auth;

/// <summary>What a server does when it listens off loopback without a token.</summary>
/// <param name="ServerName">"Cosmos" or "Runtime", for the log.</param>
/// <param name="TokenKey">The configuration key of the token, for the log.</param>
/// <param name="Refuse">True: refuse to start (unless <paramref name="AllowAnonymous"/>); false: warn only.</param>
/// <param name="AllowAnonymous">The operator's explicit consent to run without a token off loopback (warned at every start).</param>
internal sealed record ListenAddressPolicy(string ServerName, string TokenKey, bool Refuse, bool AllowAnonymous);

/// <summary>
/// Checks, once the server has bound its addresses, that a server listening off loopback has a token: it refuses to
/// start (the host stops with <see cref="InvalidOperationException"/>) or logs a warning, per <see cref="ListenAddressPolicy"/>.
/// Until then the access policies refuse unauthenticated requests off loopback anyway.
/// </summary>
internal sealed partial class ListenAddressCheck(
    IServer server, IOptionsMonitor<TokenAuthenticationOptions> options, ListenAddressPolicy policy, ILogger<ListenAddressCheck> logger)
    : IHostedLifecycleService
{
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(options.Get(TokenAuthenticationHandler.SchemeName).Token) || ListenAddresses.AreLoopbackOnly(server))
        {
            return Task.CompletedTask;
        }

        if (!policy.Refuse)
        {
            LogNoTokenWarning(policy.ServerName, policy.TokenKey);
            return Task.CompletedTask;
        }

        if (policy.AllowAnonymous)
        {
            LogAnonymousWarning(policy.ServerName, policy.TokenKey);
            return Task.CompletedTask;
        }

        LogRefused(policy.ServerName, policy.TokenKey);
        throw new InvalidOperationException(
            $"The {policy.ServerName} listens on a non-loopback address without a token: set {policy.TokenKey}, or accept anonymous access explicitly with {policy.ServerName}:Auth:AllowAnonymous=true");
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "{ServerName} listens on a non-loopback address without a token: anyone who can reach it can read everything, and changes are refused. Set {TokenKey}.")]
    private partial void LogNoTokenWarning(string serverName, string tokenKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{ServerName} listens on a non-loopback address WITHOUT a token because AllowAnonymous=true: anyone who can reach it can run commands on this host. Set {TokenKey}.")]
    private partial void LogAnonymousWarning(string serverName, string tokenKey);

    [LoggerMessage(Level = LogLevel.Critical, Message = "{ServerName} refuses to start: it listens on a non-loopback address without a token. Set {TokenKey} (or AllowAnonymous=true to accept the risk).")]
    private partial void LogRefused(string serverName, string tokenKey);
}
