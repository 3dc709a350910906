using Universe.Http;
using Microsoft.AspNetCore.Http.Json;
using Universe.Cosmos.Errors;
using Universe.Cosmos.Repositories;

namespace Universe.Cosmos.Catalog;

/// <summary>Registrations and routes of the catalog RPCs (capabilities, search, describe, list-versions), and Cosmos's error handling.</summary>
public static class CatalogServiceCollectionExtensions
{
    public static IServiceCollection AddCosmosCatalog(this IServiceCollection services)
    {
        // Resolved lazily: IPackageCatalog is registered by AddCosmosRepositories, after this.
        services.AddSingleton(sp => new CatalogIndexProvider(sp.GetRequiredService<IPackageCatalog>()));
        services.AddSingleton<IPackageResolver, PackageResolver>();
        services.AddExceptionHandler<CosmosExceptionHandler>();
        services.AddProblemDetails();
        services.AddRequestLimits();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o => o.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull);
        return services;
    }

    public static IEndpointRouteBuilder MapCatalogEndpoints(this IEndpointRouteBuilder app) => CatalogEndpoints.Map(app);

    /// <summary>
    /// Error handling middleware (the Cosmos error envelope, Marathon's under <c>/marathon</c>), the request-line and
    /// header limits (414/431 with a body), then authentication and authorization. Called first in Program.
    /// </summary>
    public static IApplicationBuilder UseCosmosErrors(this IApplicationBuilder app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages(context => WriteEmptyStatusAsync(context.HttpContext));
        app.UseRequestLimits();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>
    /// A 4xx/5xx that reached the application without a body (routing's 404 and 405, framework rejections) gets one: the
    /// Cosmos envelope (type = the reason phrase without spaces), or Marathon's <c>{message}</c> under <c>/marathon</c>.
    /// </summary>
    private static Task WriteEmptyStatusAsync(HttpContext http)
    {
        var status = http.Response.StatusCode;
        var reason = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
        var message = reason.Length == 0 ? "HTTP " + status : reason;
        return MarathonErrorWriter.IsMarathonPath(http)
            ? MarathonErrorWriter.WriteAsync(http, status, message, http.RequestAborted)
            : CosmosErrorWriter.WriteAsync(
                http,
                (System.Net.HttpStatusCode)status,
                new ErrorResponse(message.Replace(" ", string.Empty, StringComparison.Ordinal), message + ": " + http.Request.Method + " " + http.Request.Path),
                http.RequestAborted);
    }
}
