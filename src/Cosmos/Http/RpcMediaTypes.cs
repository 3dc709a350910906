using System.Collections.Concurrent;

namespace Universe.Cosmos.Http;

/// <summary>The media types of one RPC and the Accept/Content-Type checks against them (cosmos-api.md §1.3).</summary>
internal sealed class RpcMediaTypes
{
    private const int MaxCachedAcceptValues = 512;
    private readonly ConcurrentDictionary<string, (MediaType? Selected, RequestItemError? Error)> _acceptCache = new(StringComparer.Ordinal);
    private readonly string _offeredText;

    public RpcMediaTypes(string? requestKind, string responseKind, IReadOnlyList<string> responseVersions)
    {
        RequestType = requestKind is null ? null : MediaType.Vendor(requestKind, "v1");
        Offered = [.. responseVersions.Select(v => MediaType.Vendor(responseKind, v))];
        _offeredText = string.Join(", ", Offered);
    }

    /// <summary>The request body type (version v1), or null for an RPC without a body.</summary>
    public MediaType? RequestType { get; }

    /// <summary>The response types offered, in the order given.</summary>
    public IReadOnlyList<MediaType> Offered { get; }

    /// <summary>Selects the response type for an Accept value (null when the header is absent).</summary>
    public (MediaType? Selected, RequestItemError? Error) Negotiate(string? accept)
    {
        if (string.IsNullOrEmpty(accept))
        {
            return (null, RequestItemError.HeaderNotPresent("Accept"));
        }

        if (_acceptCache.TryGetValue(accept, out var cached))
        {
            return cached;
        }

        var outcome = NegotiateUncached(accept);
        if (_acceptCache.Count < MaxCachedAcceptValues)
        {
            _acceptCache.TryAdd(accept, outcome);
        }

        return outcome;
    }

    /// <summary>Checks the request Content-Type: the offered request type's parameters must all be present in it.</summary>
    public RequestItemError? CheckContentType(string? contentType)
    {
        if (RequestType is null)
        {
            return null;
        }

        if (string.IsNullOrEmpty(contentType))
        {
            return RequestItemError.HeaderNotPresent("Content-Type");
        }

        if (!MediaType.TryParse(contentType, out var actual))
        {
            return RequestItemError.HeaderNotParsed("Content-Type", $"'{contentType}' is not a media type");
        }

        return MediaType.Compatible(RequestType, actual)
            ? null
            : RequestItemError.HeaderNotValid("Content-Type", $"should match one of {RequestType}");
    }

    private (MediaType? Selected, RequestItemError? Error) NegotiateUncached(string accept)
    {
        if (!AcceptHeader.TryParse(accept, out var accepted))
        {
            return (null, RequestItemError.HeaderNotParsed("Accept", $"'{accept}' is not a list of media types"));
        }

        var selected = AcceptHeader.Select(accepted, Offered);
        return selected is not null
            ? (selected, null)
            : (null, RequestItemError.HeaderNotValid("Accept", $"Media type was [{string.Join(", ", accepted)}] but should be one of [{_offeredText}]"));
    }
}
