using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Universe.Builder.Certificates;
using Universe.Builder.Serving;

namespace Universe.Builder.Bundles;

/// <summary>
/// <c>universe serve &lt;bundle&gt;</c>: the builder's repo endpoints over the bundle (URLs rewritten to the public URL
/// at serve time), the stored resources, the read-only registry, and TLS when a URL is https (prints the certificate's
/// expiry, warns within 30 days of it).
/// </summary>
public sealed class BundleServeRunner(BuilderConsole console, TimeProvider time)
{
    public async Task<int> RunAsync(BundleServeOptions options, IReadOnlyList<string> urls, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(urls);
        if (!File.Exists(Path.Combine(options.Directory, BundleManifest.FileName)))
        {
            await console.Error.WriteLineAsync($"Error: {options.Directory} is not a bundle (no {BundleManifest.FileName}); create one with `universe mirror` or `universe import`");
            return ExitCodes.Usage;
        }

        Uri? publicUrl = null;
        if (options.PublicUrl is { } text && (!Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out publicUrl) || publicUrl.Scheme is not ("http" or "https")))
        {
            await console.Error.WriteLineAsync($"Error: --public-url '{text}' is not an http(s) URL");
            return ExitCodes.Usage;
        }

        X509Certificate2? certificate = null;
        string? caFile = null;
        if (urls.Any(u => u.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
        {
            try
            {
                if (options.TlsCertificate is not null)
                {
                    certificate = ServerCertificates.Load(options.TlsCertificate, options.TlsKey ?? options.TlsCertificate);
                }
                else
                {
                    var directory = options.TlsDirectory ?? CertsCommand.DefaultDirectory(options.Directory);
                    caFile = Path.GetFullPath(Path.Combine(directory, ServerCertificates.CaFile));
                    var caBefore = Thumbprint(caFile);
                    certificate = ServerCertificates.LoadOrCreate(directory, publicUrl is null ? [] : [publicUrl.DnsSafeHost], time, out var added);
                    if (added.Count > 0)
                    {
                        await console.Out.WriteLineAsync(
                            $"Reissued the server certificate {Path.Combine(directory, ServerCertificates.ServerFile)} for {string.Join(", ", added)} (not among its names before) "
                            + (caBefore == Thumbprint(caFile)
                                ? $"from the same CA {caFile}: clusters that trust the CA need nothing new"
                                : $"with a new CA {caFile} (the old one was missing or near its end): clusters must be given the new CA"));
                    }
                }
            }
            catch (Exception e) when (e is CryptographicException or IOException or ArgumentException)
            {
                await console.Error.WriteLineAsync($"Error: TLS certificate: {e.Message}");
                return ExitCodes.Usage;
            }

            await console.Out.WriteLineAsync(ServerCertificates.Describe(certificate, time, $"universe certs renew {options.Directory}"));
        }

        using var _ = certificate;
        using var source = new BundleRepoSource(options.Directory, publicUrl ?? new Uri("http://127.0.0.1/"), time, console.Error);
        await using var app = CreateApp(source, urls, certificate, caFile);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e)
        {
            await console.Error.WriteLineAsync($"Error: cannot listen on {string.Join(", ", urls)}: {e.Message}");
            return ExitCodes.Usage;
        }

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];
        if (publicUrl is null && addresses.Length > 0)
        {
            source.PublicUrl = new Uri(addresses[0].Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal) + "/");
        }

        BundleView view;
        try
        {
            view = await source.GetViewAsync(cancellationToken);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or System.Text.Json.JsonException or FormatException or ArgumentException or UnauthorizedAccessException)
        {
            await console.Error.WriteLineAsync($"Error: {options.Directory}: {e.Message}");
            return ExitCodes.Usage;
        }

        var incomplete = view.Manifest.Packages.Count(p => !p.Complete);
        await console.Out.WriteLineAsync(
            $"Serving {source.Description} ({view.Manifest.Packages.Count} packages{(incomplete > 0 ? $", {incomplete} incomplete" : string.Empty)}, {view.Manifest.Resources.Count} resources, {view.Manifest.Images.Count} images) on {string.Join(", ", addresses)}");
        await console.Out.WriteLineAsync($"Add it to a cluster: dcos package repo add bundle {source.PublicUrl}repo; images at {RegistryHost(source.PublicUrl)}{(caFile is null ? string.Empty : $"; CA at {source.PublicUrl}certs/ca.crt")}");
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

    /// <summary>The web application serving the bundle (not started).</summary>
    public static WebApplication CreateApp(BundleRepoSource source, IReadOnlyList<string> urls, X509Certificate2? certificate, string? caFile)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(urls);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls([.. urls]);
        if (certificate is not null)
        {
            builder.WebHost.UseKestrelHttpsConfiguration();
            builder.WebHost.ConfigureKestrel(k => k.ConfigureHttpsDefaults(h => h.ServerCertificate = certificate));
        }

        builder.Services.AddUniverseServing(source);
        builder.Services.AddSingleton(source);
        var app = builder.Build();
        app.UseServeErrorPages();
        app.MapRepoEndpoints();
        app.MapBundleEndpoints(caFile);
        return app;
    }

    private static string? Thumbprint(string certificateFile)
    {
        if (!File.Exists(certificateFile))
        {
            return null;
        }

        using var certificate = X509CertificateLoader.LoadCertificateFromFile(certificateFile);
        return certificate.Thumbprint;
    }

    private static string RegistryHost(Uri url) => url.IsDefaultPort ? url.Host : url.Authority;
}
