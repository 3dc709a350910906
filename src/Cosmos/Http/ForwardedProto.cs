using Microsoft.Extensions.Primitives;

namespace Universe.Cosmos.Http;

/// <summary><c>X-Forwarded-Proto</c>: optional; when present every value must be <c>http</c> or <c>https</c>, and the first one is the scheme.</summary>
public static class ForwardedProto
{
    public const string HeaderName = "X-Forwarded-Proto";

    /// <summary>The scheme the client used: the first X-Forwarded-Proto value when valid, else the request's own scheme.</summary>
    public static string Scheme(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return TryGet(request.Headers[HeaderName], out var scheme) && scheme is not null ? scheme : request.Scheme;
    }

    internal static RequestItemError? Check(IHeaderDictionary headers)
    {
        var values = headers[HeaderName];
        return values.Count == 0 || TryGet(values, out _)
            ? null
            : RequestItemError.HeaderNotValid(HeaderName, $"Unable to determine scheme used to contact service: [{values}]");
    }

    private static bool TryGet(StringValues values, out string? scheme)
    {
        scheme = null;
        foreach (var value in values)
        {
            foreach (var part in (value ?? string.Empty).Split(','))
            {
                var trimmed = part.Trim();
                if (trimmed is not ("http" or "https"))
                {
                    return false;
                }

                scheme ??= trimmed;
            }
        }

        return scheme is not null;
    }
}
