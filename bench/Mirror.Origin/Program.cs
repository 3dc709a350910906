using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

// The origin for bench/mirror/run.sh: a multi-threaded static file server (Kestrel) over a directory, with what a real
// origin (nginx, S3, a CDN) sends: ETag, Last-Modified, Range and the conditional requests (If-None-Match,
// If-Modified-Since -> 304). Files go out with sendfile, so the origin costs little CPU next to the proxy and the client.
// Usage: Mirror.Origin <directory> <port-file>   (listens on 127.0.0.1, a free port written to <port-file>)
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: Mirror.Origin <directory> <port-file>");
    return 2;
}

var root = Path.GetFullPath(args[0]);
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.UseUrls("http://127.0.0.1:0");
var app = builder.Build();
app.UseStaticFiles(new StaticFileOptions
{
    FileProvider = new PhysicalFileProvider(root),
    ServeUnknownFileTypes = true,
    DefaultContentType = "application/octet-stream",
    ContentTypeProvider = new FileExtensionContentTypeProvider(),
});
await app.StartAsync();
var port = new Uri(app.Urls.First()).Port;
await File.WriteAllTextAsync(args[1] + ".tmp", port.ToString(System.Globalization.CultureInfo.InvariantCulture));
File.Move(args[1] + ".tmp", args[1], overwrite: true);
await app.WaitForShutdownAsync();
return 0;
