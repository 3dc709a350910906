namespace Universe.Runtime.Host;

/// <summary>Standalone Runtime: the Marathon v2 API on http://127.0.0.1:8080 unless <c>--urls</c> says otherwise.</summary>
public static class Program
{
    public static async Task Main(string[] args)
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

        builder.Services.AddRuntime(builder.Configuration);
        var app = builder.Build();
        app.MapMarathonApi();
        await app.RunAsync();
    }
}
