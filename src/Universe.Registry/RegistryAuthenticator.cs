using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Universe.Registry;

/// <summary>
/// Registry authentication: each host's <c>WWW-Authenticate</c> challenge, Basic credentials from the host's settings,
/// and bearer tokens from the challenge's realm (anonymous or with the credentials), cached per host, realm, service,
/// scope and user until shortly before they expire. Credentials never appear in exceptions.
/// </summary>
internal sealed class RegistryAuthenticator(RegistryClientOptions options, RegistryHosts hosts)
{
    private const int MaxTokenBytes = 1024 * 1024;
    private readonly ConcurrentDictionary<string, BearerToken> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AuthChallenge> _challenges = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Adds the Authorization header the host asked for before (Basic, or a cached unexpired bearer token for the scope).</summary>
    public void Authorize(RegistryEndpoint endpoint, string? scope, HttpRequestMessage request)
    {
        if (!_challenges.TryGetValue(endpoint.Authority, out var challenge))
        {
            return;
        }

        if (challenge.Scheme == "basic")
        {
            if (BasicValue(endpoint) is { } basic)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
            }

            return;
        }

        if (_tokens.TryGetValue(TokenKey(endpoint, challenge, scope ?? challenge.Scope), out var token) && token.ExpiresAt > options.TimeProvider.GetUtcNow())
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Value);
        }
    }

    /// <summary>After a 401: remembers the challenge and, for Bearer, fetches and caches a token for the scope.</summary>
    public async Task AuthenticateAsync(RegistryEndpoint endpoint, string? scope, AuthChallenge? challenge, CancellationToken cancellationToken)
    {
        if (challenge is null)
        {
            throw new RegistryException(RegistryErrorKind.Unauthorized, $"Registry {endpoint.Authority} answered 401 without a usable WWW-Authenticate challenge", HttpStatusCode.Unauthorized);
        }

        _challenges[endpoint.Authority] = challenge;
        if (challenge.Scheme == "basic")
        {
            if (BasicValue(endpoint) is null)
            {
                throw new RegistryException(RegistryErrorKind.Unauthorized,
                    $"Registry {endpoint.Authority} requires Basic authentication: configure a Username and PasswordFile for it", HttpStatusCode.Unauthorized);
            }

            return;
        }

        var wanted = challenge.Scope ?? scope;
        var key = TokenKey(endpoint, challenge, scope ?? challenge.Scope);
        var token = await FetchTokenAsync(endpoint, challenge, wanted, cancellationToken);
        _tokens[key] = token;
    }

    private static string TokenKey(RegistryEndpoint endpoint, AuthChallenge challenge, string? scope) =>
        $"{endpoint.Authority}|{challenge.Realm}|{challenge.Service}|{scope}|{endpoint.Settings?.Username}";

    private async Task<BearerToken> FetchTokenAsync(RegistryEndpoint endpoint, AuthChallenge challenge, string? scope, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(challenge.Realm, UriKind.Absolute, out var realm) || realm.Scheme is not ("http" or "https"))
        {
            throw new RegistryException(RegistryErrorKind.Unauthorized, $"Registry {endpoint.Authority} sent an invalid token realm", HttpStatusCode.Unauthorized);
        }

        if (realm.Scheme == "http" && !endpoint.Insecure && !RegistryEndpoint.IsLoopback(realm.Host))
        {
            throw new RegistryException(RegistryErrorKind.InsecureRefused,
                $"Registry {endpoint.Authority} asks for a token over plain HTTP from {realm.Authority}; mark it Insecure to allow that");
        }

        var query = new StringBuilder();
        if (challenge.Service is not null)
        {
            query.Append("service=").Append(Uri.EscapeDataString(challenge.Service));
        }

        if (scope is not null)
        {
            foreach (var s in scope.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                query.Append(query.Length > 0 ? "&" : string.Empty).Append("scope=").Append(Uri.EscapeDataString(s));
            }
        }

        var url = new UriBuilder(realm) { Query = (realm.Query.TrimStart('?') + (realm.Query.Length > 1 && query.Length > 0 ? "&" : string.Empty) + query).TrimStart('&') }.Uri;
        var client = hosts.TokenClientFor(endpoint, realm);
        using var response = await Transport.SendAsync(
            client,
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.UserAgent.ParseAdd(options.UserAgent);
                if (BasicValue(endpoint) is { } basic)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Basic", basic);
                }

                return request;
            },
            options.Retry,
            options.RequestTimeout,
            realm.Authority,
            null,
            cancellationToken);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw new RegistryException(RegistryErrorKind.Unauthorized,
                endpoint.Settings?.Username is null
                    ? $"The token service {realm.Authority} of registry {endpoint.Authority} refused anonymous access ({(int)response.StatusCode}): configure a Username and PasswordFile"
                    : $"The token service {realm.Authority} of registry {endpoint.Authority} refused the credentials of user {endpoint.Settings.Username} ({(int)response.StatusCode})",
                response.StatusCode);
        }

        if (!response.IsSuccessStatusCode)
        {
            throw await Failures.FromResponseAsync(response, $"Token service {realm.Authority}", cancellationToken);
        }

        var bytes = await Failures.ReadLimitedAsync(response, MaxTokenBytes, cancellationToken)
            ?? throw new RegistryException(RegistryErrorKind.Unauthorized, $"The token service {realm.Authority} sent more than {MaxTokenBytes} bytes");
        return BearerToken.Parse(bytes, realm.Authority, options.TimeProvider.GetUtcNow());
    }

    private static string? BasicValue(RegistryEndpoint endpoint)
    {
        var user = endpoint.Settings?.Username;
        if (user is null)
        {
            return null;
        }

        var password = endpoint.Settings!.ReadPassword() ?? string.Empty;
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password));
    }
}
