using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Universe.Http;

/// <summary>
/// The request-line and header limits, enforced in the application so that their rejections reach the error pages and
/// get a body in the server's error model (414 URI Too Long, 431 Request Header Fields Too Large). Kestrel's own limits
/// are raised to an outer bound that only protects memory; what is beyond it Kestrel still refuses before any
/// middleware, without a body (docs/api.md, "Errors that reach no handler"). Linked as source into Cosmos, the Runtime
/// and Universe.Builder.
/// </summary>
internal static class RequestLimits
{
    /// <summary>The longest request line answered (method, target, version and CRLF), as Kestrel's default.</summary>
    public const int MaxRequestLineBytes = 8 * 1024;

    /// <summary>The largest header block answered (every <c>name: value</c> line with its CRLF), as Kestrel's default.</summary>
    public const int MaxHeaderBytes = 32 * 1024;

    /// <summary>The most header lines answered, as Kestrel's default.</summary>
    public const int MaxHeaderCount = 100;

    /// <summary>Kestrel's request-line limit: beyond it, a bodiless 414 from Kestrel itself.</summary>
    public const int OuterRequestLineBytes = 64 * 1024;

    /// <summary>Kestrel's header-block limit: beyond it, a bodiless 431 from Kestrel itself.</summary>
    public const int OuterHeaderBytes = 256 * 1024;

    /// <summary>Kestrel's header-count limit: beyond it, a bodiless 431 from Kestrel itself.</summary>
    public const int OuterHeaderCount = 1000;

    /// <summary>Raises Kestrel's request-line and header limits to the outer bounds.</summary>
    public static IServiceCollection AddRequestLimits(this IServiceCollection services) =>
        services.Configure<KestrelServerOptions>(kestrel =>
        {
            kestrel.Limits.MaxRequestLineSize = OuterRequestLineBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = OuterHeaderBytes;
            kestrel.Limits.MaxRequestHeaderCount = OuterHeaderCount;
        });

    /// <summary>
    /// Answers a request over the product limits with the bare status (414 or 431) and nothing else, so the error pages
    /// registered before it write the body. Place it right after them, before authentication.
    /// </summary>
    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app) =>
        app.Use(static (context, next) =>
        {
            var status = Check(context);
            if (status == 0)
            {
                return next(context);
            }

            context.Response.StatusCode = status;
            context.Response.Headers.Connection = "close";
            return Task.CompletedTask;
        });

    /// <summary>0 when the request is within the limits, else the status to answer.</summary>
    internal static int Check(HttpContext context)
    {
        var request = context.Features.GetRequiredFeature<IHttpRequestFeature>();
        var target = string.IsNullOrEmpty(request.RawTarget) ? request.PathBase + request.Path + request.QueryString : request.RawTarget;
        if (request.Method.Length + 1 + target.Length + 1 + request.Protocol.Length + 2 > MaxRequestLineBytes)
        {
            return StatusCodes.Status414RequestUriTooLong;
        }

        var count = 0;
        var bytes = 2;
        foreach (var (name, values) in request.Headers)
        {
            foreach (var value in values)
            {
                count++;
                bytes += name.Length + 2 + (value?.Length ?? 0) + 2;
            }
        }

        return count > MaxHeaderCount || bytes > MaxHeaderBytes ? StatusCodes.Status431RequestHeaderFieldsTooLarge : 0;
    }
}
