using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Universe.Cosmos;
using Universe.Cosmos.Catalog;

namespace Universe.Cosmos.Testing;

/// <summary>
/// Starts a real Cosmos wired exactly as <c>Program.cs</c> wires it, on Kestrel at a free 127.0.0.1 port, with the given
/// configuration (for browsers and other clients that need a socket). Linked into the GUI tests and bench/Gui.Bench.
/// </summary>
internal static class LoopbackCosmos
{
    public static async Task<(WebApplication App, Uri BaseAddress)> StartAsync(string contentRoot, IReadOnlyDictionary<string, string?> configuration)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = contentRoot });
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddCosmos(builder.Configuration);
        var app = builder.Build();
        app.UseCosmosErrors();
        app.MapCosmos();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(address.TrimEnd('/') + "/"));
    }
}
