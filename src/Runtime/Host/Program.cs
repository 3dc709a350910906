using Universe.Runtime.Hosting;

namespace Universe.Runtime.Host;

/// <summary>Standalone Runtime: the Marathon v2 API on http://127.0.0.1:8080 unless <c>--urls</c> says otherwise.</summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls("http://127.0.0.1:8080");
        }

        if (string.IsNullOrEmpty(builder.Configuration["Logging:LogLevel:Microsoft.AspNetCore"]))
        {
            builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        }

        builder.Services.AddStandaloneRuntime(builder.Configuration);
        var app = builder.Build();
        app.UseStandaloneRuntime();
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (InvalidOperationException e) when (e.Message.Contains("without a token", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }
    }
}
