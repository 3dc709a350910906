using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Universe.Cosmos.Catalog;
using Universe.Cosmos.Errors;
using Universe.Cosmos.Http;

namespace Universe.Cosmos.Tests.Http;

/// <summary>
/// A minimal in-process server with Cosmos's transport only (CosmosRpc, error handling, options), and three RPCs
/// of its own: <c>/test/echo</c> (v2, v1), <c>/test/fail</c> (throws the error its body names) and
/// <c>/test/mutate</c> (<c>RequireCosmosToken</c>).
/// </summary>
internal sealed class RpcTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RpcTestHost(WebApplication app) => _app = app;

    public static Task<RpcTestHost> StartAsync(string? token = null, params string[] listenAddresses) =>
        StartAsync(logs: null, token, listenAddresses);

    /// <summary>As <see cref="StartAsync(string?, string[])"/>, with every log entry also going to <paramref name="logs"/>.</summary>
    public static async Task<RpcTestHost> StartAsync(ILoggerProvider? logs, string? token, params string[] listenAddresses)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
        }

        builder.Services.AddCosmosCatalog();
        builder.Services.AddCosmosAuth();
        builder.Services.Configure<CosmosOptions>(o => o.Auth.Token = token);
        builder.Services.AddRouting();
        var app = builder.Build();
        app.UseCosmosErrors();
        Map(app);
        if (listenAddresses.Length > 0)
        {
            var feature = new ServerAddressesFeature();
            foreach (var address in listenAddresses)
            {
                feature.Addresses.Add(address);
            }

            app.Services.GetRequiredService<IServer>().Features.Set<IServerAddressesFeature>(feature);
        }

        await app.StartAsync();
        return new RpcTestHost(app);
    }

    public HttpClient CreateClient() => _app.GetTestClient();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private static void Map(IEndpointRouteBuilder app)
    {
        app.MapCosmosRpc("/test/echo", "test.echo-request", "test.echo-response", ["v2", "v1"], (CosmosRpcRequest<EchoRequest> rpc) =>
            rpc.Ok(new EchoResponse(rpc.Body.Name, rpc.ResponseVersion, null, new JsonObject { ["kept"] = 1, ["dropped"] = null, ["deep"] = new JsonObject { ["gone"] = null } })));
        app.MapCosmosRpc("/test/fail", "test.echo-request", "test.echo-response", ["v1"], (CosmosRpcRequest<EchoRequest> rpc) =>
            rpc.Body.Name switch
            {
                "nope" => throw new CosmosException(new PackageNotFound("nope")),
                "crash" => throw new InvalidOperationException("boom"),
                _ => rpc.Ok(new { }),
            });
        app.MapCosmosRpc("/test/mutate", "test.echo-request", "test.echo-response", ["v1"], (CosmosRpcRequest<EchoRequest> rpc) =>
            rpc.Ok(new { done = true })).RequireCosmosToken();
        app.MapPost("/test/bound", (EchoRequest request) => TypedResults.Ok(request.Name));
    }
}

internal sealed record EchoRequest(string Name, int? Count = null, JsonObject? Options = null);

internal sealed record EchoResponse(string Name, string Version, string? Missing, JsonObject Extra);
