using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Universe.Builder.Build;

namespace Universe.Builder.Serving;

/// <summary>
/// Runs <c>universe serve</c>: picks the source (a built directory or a tree), loads it once (failing early), starts
/// Kestrel on the URLs, prints where it listens, and serves until stopped.
/// </summary>
public sealed class ServeRunner(BuilderConsole console)
{
    /// <summary>How often a request may trigger a check of the tree for changes.</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    public async Task<int> RunAsync(ServeArgs args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Bundle is { } bundle)
        {
            return await new Bundles.BundleServeRunner(console, TimeProvider.System).RunAsync(bundle, args.Urls, cancellationToken);
        }

        RefreshingRepoSource source;
        try
        {
            source = BuiltDirectoryRepoSource.IsBuiltDirectory(args.Repository)
                ? new BuiltDirectoryRepoSource(args.Repository, CheckInterval, TimeProvider.System)
                : new TreeRepoSource(args.Repository, DcosVersions.Default, CheckInterval, TimeProvider.System);
        }
        catch (DirectoryNotFoundException e)
        {
            await console.Error.WriteLineAsync($"Error: {e.Message} Give a universe tree or a directory written by `universe build`.");
            return ExitCodes.Usage;
        }

        using (source)
        {
            var snapshot = await source.GetSnapshotAsync(cancellationToken);
            if (source is TreeRepoSource { Skipped: { Count: > 0 } skipped })
            {
                foreach (var error in skipped)
                {
                    await console.Error.WriteLineAsync($"warning: skipped {error}");
                }
            }

            await using var app = CreateApp(source, args.Urls);
            try
            {
                await app.StartAsync(cancellationToken);
            }
            catch (IOException e)
            {
                await console.Error.WriteLineAsync($"Error: cannot listen on {string.Join(", ", args.Urls)}: {e.Message}");
                return ExitCodes.Usage;
            }

            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            await console.Out.WriteLineAsync(
                $"Serving {source.Description} ({snapshot.Files.Revisions} revisions, DC/OS {string.Join(", ", snapshot.DcosVersions.Select(v => v.Text))}) on {string.Join(", ", addresses)}");
            await console.Out.FlushAsync(cancellationToken);
            try
            {
                await app.WaitForShutdownAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
            }

            return ExitCodes.Success;
        }
    }

    /// <summary>The web application serving <paramref name="source"/> on <paramref name="urls"/> (not started).</summary>
    public static WebApplication CreateApp(IRepoSource source, IReadOnlyList<string> urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls([.. urls]);
        builder.Services.AddUniverseServing(source);
        var app = builder.Build();
        app.UseServeErrorPages();
        app.MapRepoEndpoints();
        return app;
    }
}
