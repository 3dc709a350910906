using Microsoft.AspNetCore.Diagnostics;
using Universe.Runtime.Api;

namespace Universe.Runtime.Hosting;

/// <summary>
/// The standalone Runtime's error middleware: every error answers in Marathon's model <c>{message, details?}</c>, an
/// exception as 500 (logged once), and a status without a body (routing's 404 and 405, Kestrel-level 400/413 that reach
/// the app) with its reason phrase as message. Cosmos, when it hosts the Runtime, applies its own (same model under <c>/marathon</c>).
/// </summary>
internal static partial class RuntimeErrorsApplicationBuilderExtensions
{
    public static IApplicationBuilder UseRuntimeErrors(this IApplicationBuilder app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = HandleExceptionAsync, StatusCodeSelector = StatusFor });
        app.UseStatusCodePages(context => WriteStatusAsync(context.HttpContext));
        return app;
    }

    private static int StatusFor(Exception exception) =>
        exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;

    private static async Task HandleExceptionAsync(HttpContext http)
    {
        var exception = http.Features.Get<IExceptionHandlerFeature>()?.Error;
        if (exception is BadHttpRequestException bad)
        {
            await MarathonResults.Message(bad.StatusCode, bad.Message).ExecuteAsync(http);
            return;
        }

        if (exception is not null)
        {
            LogUnhandled(http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Universe.Runtime"), http.Request.Method, http.Request.Path, exception);
        }

        await MarathonResults.Message(StatusCodes.Status500InternalServerError, "Internal server error").ExecuteAsync(http);
    }

    /// <summary>The body of a status that has none: Marathon's <c>{message}</c> with the reason phrase.</summary>
    internal static Task WriteStatusAsync(HttpContext http)
    {
        var status = http.Response.StatusCode;
        var message = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
        return MarathonResults.Message(status, message.Length == 0 ? "HTTP " + status : message).ExecuteAsync(http);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception in {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, string method, PathString path, Exception exception);
}
