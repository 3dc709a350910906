namespace Universe.Runtime;

public static class Program
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var app = builder.Build();
        app.MapGet("/ping", () => "pong");
        await app.RunAsync();
    }
}
