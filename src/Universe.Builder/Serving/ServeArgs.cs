namespace Universe.Builder.Serving;

/// <summary>
/// Arguments of <c>universe serve</c>: a tree or a built directory, and the URLs to listen on; or a mirror bundle
/// (the positional argument) with its <see cref="BundleServeOptions"/>.
/// </summary>
public sealed record ServeArgs(string Repository, IReadOnlyList<string> Urls, BundleServeOptions? Bundle = null);

/// <summary>
/// <c>universe serve &lt;bundle&gt; [--public-url URL] [--tls-cert FILE --tls-key FILE | --tls-dir DIR]</c>: the URL
/// clusters reach this server at (every URL and image is rewritten to it at serve time; default: the bound address),
/// and the TLS material for https URLs (a given certificate, or a generated CA and server certificate).
/// </summary>
public sealed record BundleServeOptions(string Directory, string? PublicUrl, string? TlsCertificate, string? TlsKey, string? TlsDirectory);
