using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Universe.Cosmos.Tests.TestSupport;

namespace Universe.Cosmos.Tests.Repositories;

/// <summary>
/// A real git smart-HTTP server on 127.0.0.1:0: Kestrel runs git's own <c>git http-backend</c> as a CGI program for
/// each request, serving the bare repositories under <see cref="ProjectRoot"/> (as nginx + fcgiwrap would).
/// </summary>
internal sealed class GitHttpServer : IAsyncDisposable
{
    private LoopbackServer _server = null!;

    private GitHttpServer(string projectRoot) => ProjectRoot = projectRoot;

    public string ProjectRoot { get; }

    public Uri BaseAddress => _server.BaseAddress;

    public int RequestCount => _requests;

    private int _requests;

    /// <summary>Starts on http, or on https with <paramref name="certificate"/>.</summary>
    public static async Task<GitHttpServer> StartAsync(string projectRoot, X509Certificate2? certificate = null)
    {
        var server = new GitHttpServer(projectRoot);
        server._server = await LoopbackServer.StartAsync(app => app.Run(server.HandleAsync), certificate);
        return server;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("http-backend");
        start.Environment["GIT_PROJECT_ROOT"] = ProjectRoot;
        start.Environment["GIT_HTTP_EXPORT_ALL"] = "1";
        start.Environment["REQUEST_METHOD"] = context.Request.Method;
        start.Environment["PATH_INFO"] = context.Request.Path.Value ?? "/";
        start.Environment["QUERY_STRING"] = context.Request.QueryString.HasValue ? context.Request.QueryString.Value![1..] : string.Empty;
        start.Environment["CONTENT_TYPE"] = context.Request.ContentType ?? string.Empty;
        start.Environment["HTTP_CONTENT_ENCODING"] = context.Request.Headers.ContentEncoding.ToString();
        start.Environment["GIT_PROTOCOL"] = context.Request.Headers["Git-Protocol"].ToString();
        start.Environment["REMOTE_ADDR"] = "127.0.0.1";
        start.Environment["SERVER_PROTOCOL"] = "HTTP/1.1";
        start.Environment["GATEWAY_INTERFACE"] = "CGI/1.1";

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync(context.RequestAborted);
        var stdout = new MemoryStream();
        var reading = process.StandardOutput.BaseStream.CopyToAsync(stdout, context.RequestAborted);
        await context.Request.Body.CopyToAsync(process.StandardInput.BaseStream, context.RequestAborted);
        process.StandardInput.Close();
        await reading;
        await process.WaitForExitAsync(context.RequestAborted);
        _ = await stderr;
        await WriteCgiResponseAsync(context, stdout.ToArray());
    }

    private static async Task WriteCgiResponseAsync(HttpContext context, byte[] output)
    {
        var text = Encoding.Latin1.GetString(output);
        var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var separator = 4;
        if (end < 0)
        {
            end = text.IndexOf("\n\n", StringComparison.Ordinal);
            separator = 2;
        }

        if (end < 0)
        {
            context.Response.StatusCode = 502;
            return;
        }

        foreach (var line in text[..end].Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Status", StringComparison.OrdinalIgnoreCase))
            {
                context.Response.StatusCode = int.Parse(value.AsSpan(0, 3), provider: System.Globalization.CultureInfo.InvariantCulture);
            }
            else
            {
                context.Response.Headers.Append(name, value);
            }
        }

        await context.Response.Body.WriteAsync(output.AsMemory(end + separator), context.RequestAborted);
    }
}
