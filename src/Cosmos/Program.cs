var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/capabilities", () => "{}");
await app.RunAsync();

public partial class Program;
