using Universe.Cosmos;
using Universe.Cosmos.Catalog;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddCosmos(builder.Configuration);

var app = builder.Build();
app.UseCosmosErrors();
app.MapCosmos();
await app.RunAsync();

/// <summary>The Cosmos entry point (for WebApplicationFactory).</summary>
public partial class Program;
