using Universe.Builder.Bundles;
using Universe.Cosmos.Packages;
using Universe.Registry;

namespace Universe.Builder.Mirroring;

/// <summary>
/// <c>universe mirror</c>: load the source, select, plan; print the plan (<c>--dry-run</c>) or run it into the bundle.
/// Exit codes: 0 every package complete, 1 some artifact failed (packages marked incomplete), 2 bad arguments or
/// source, or an include that matches nothing.
/// </summary>
public sealed class MirrorRunner(TextWriter output, TextWriter error, bool terminal, TimeProvider time)
{
    public async Task<int> RunAsync(MirrorArgs args, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ProxySettings proxy;
        TrustedRoots roots;
        try
        {
            roots = TrustedRoots.Load(args.Proxy.CaFiles);
        }
        catch (RegistryException e)
        {
            await error.WriteLineAsync("Error: --ca-file: " + e.Message);
            return ExitCodes.Usage;
        }

        try
        {
            proxy = ProxySettings.Create(args.Proxy.Proxy, args.Proxy.CredentialsFile);
            if (proxy.IsEnabled)
            {
                Redaction.AddSecret(proxy.ReadCredentials()?.Password);
            }
        }
        catch (Exception e) when (e is RegistryException or FormatException or ArgumentException or UriFormatException)
        {
            await error.WriteLineAsync("Error: proxy: " + Redaction.Text(e.Message));
            return ExitCodes.Usage;
        }

        RegistrySettings registries;
        try
        {
            registries = args.RegistryConfig is null
                ? new RegistrySettings()
                : RegistrySettings.FromConfiguration(new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddJsonFile(Path.GetFullPath(args.RegistryConfig)).Build());
        }
        catch (Exception e) when (e is IOException or InvalidDataException or FormatException or System.Text.Json.JsonException)
        {
            await error.WriteLineAsync($"Error: --registry-config: {e.Message}");
            return ExitCodes.Usage;
        }

        using var http = new HttpClient(proxy.CreateClientHandler(roots)) { Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("universe-mirror/1.0");
        PackageLoadResult loaded;
        try
        {
            loaded = await new PackageSourceLoader(http, proxy, roots).LoadAsync(args.Source, cancellationToken);
        }
        catch (Exception e) when (e is MirrorSourceException or IOException or System.Text.Json.JsonException or FormatException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync("Error: source: " + Redaction.Text(e.Message));
            return ExitCodes.Usage;
        }

        foreach (var problem in loaded.Errors)
        {
            await error.WriteLineAsync($"Warning: source revision {problem} (skipped)");
        }

        var selection = PackageSelector.Select(loaded.Packages, args.Selection);
        foreach (var message in selection.Errors)
        {
            await error.WriteLineAsync("Error: " + message);
        }

        if (selection.Errors.Count > 0)
        {
            return ExitCodes.Usage;
        }

        var plan = MirrorPlan.Create(selection);
        if (args.DryRun)
        {
            var sizes = args.NoHead
                ? PlanSizes.None
                : await PlanSizes.HeadAsync(http, plan.Resources.Select(r => r.Url), args.Jobs * 2, TimeSpan.FromSeconds(10), cancellationToken);
            if (args.Json)
            {
                PlanRenderer.WriteJson(output, plan, sizes);
            }
            else
            {
                PlanRenderer.WriteText(output, plan, sizes);
            }

            return ExitCodes.Success;
        }

        if (args.Out is null)
        {
            await error.WriteLineAsync("Error: --out <bundle directory> is required (or --dry-run)");
            return ExitCodes.Usage;
        }

        using var bundleLock = await BundleLock.AcquireAsync(args.Out, BundleUse.Mirror, error);
        if (bundleLock is null)
        {
            return ExitCodes.Usage;
        }

        var blobs = new BlobStore(args.Out);
        BundleManifest? previous;
        try
        {
            previous = await BundleManifest.ReadAsync(blobs.Root, cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or System.Text.Json.JsonException)
        {
            await error.WriteLineAsync($"Error: {Path.Combine(blobs.Root, BundleManifest.FileName)}: {e.Message}");
            return ExitCodes.Usage;
        }

        await output.WriteLineAsync(
            $"Mirroring {plan.Packages.Count} revisions: {plan.Resources.Count} URLs, {plan.Images.Count} images into {blobs.Root}{(previous is null ? string.Empty : " (incremental)")}");
        var fetcher = new HttpResourceFetcher(http, blobs, args.Transfer);
        using var progress = new MirrorProgress(terminal ? error : output, terminal, time);
        using var registry = new RegistryClient(new RegistryClientOptions { Proxy = proxy, Registries = registries, Retry = args.Transfer, TrustedRoots = roots });
        var engine = new MirrorEngine(blobs, fetcher, new RegistryImageMirror(registry, blobs), progress);
        var outcome = await engine.RunAsync(plan, previous, args.Source, args.Selection.DcosVersions, args.Jobs, args.FailFast, cancellationToken);
        progress.Dispose();
        MirrorSummary.Write(output, outcome);
        return outcome.Failures.Count == 0 && outcome.IncompletePackages == 0 ? ExitCodes.Success : ExitCodes.Findings;
    }
}
