using System.Net;
using LibGit2Sharp;
using Universe.Registry;
using Universe.Cosmos.Packages;
using Universe.Cosmos.Repositories;

namespace Universe.Builder.Mirroring;

/// <summary>
/// Reads the packages of a <c>--source</c>: a universe tree directory, a repo JSON file or http(s) URL, or a git remote
/// (<c>git+https://…</c>, <c>…​.git</c>, optionally <c>#branch|tag|commit</c>) cloned with libgit2 through the same proxy
/// (<see cref="GitRemoteProxy"/>) and trusting the same extra CAs.
/// </summary>
public sealed class PackageSourceLoader(HttpClient http, ProxySettings? proxy = null, TrustedRoots? trust = null)
{
    private static readonly string[] RepoAccept =
    [
        "application/vnd.dcos.universe.repo+json;charset=utf-8;version=v5",
        "application/vnd.dcos.universe.repo+json;charset=utf-8;version=v4",
        "application/vnd.dcos.universe.repo+json;charset=utf-8;version=v3",
        "application/json",
    ];

    public async Task<PackageLoadResult> LoadAsync(string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (Directory.Exists(source))
        {
            var packages = UniverseTreeReader.FindPackagesDirectory(source)
                ?? throw new MirrorSourceException($"no universe tree (repo/packages) under '{source}'");
            return UniverseTreeReader.Read(packages, cancellationToken);
        }

        if (File.Exists(source))
        {
            return await RepoIndexReader.ReadFileAsync(source, cancellationToken);
        }

        if (IsGit(source, out var remote, out var reference))
        {
            await ProbeGitAsync(remote, cancellationToken);
            return await Task.Run(() => LoadGit(remote, reference, cancellationToken), cancellationToken);
        }

        if (Uri.TryCreate(source, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return await LoadRepoJsonAsync(uri, cancellationToken);
        }

        throw new MirrorSourceException($"'{Redaction.Url(source)}' is neither a directory, a repo JSON file, an http(s) URL nor a git remote");
    }

    internal static bool IsGit(string source, out string remote, out string? reference)
    {
        var hash = source.IndexOf('#', StringComparison.Ordinal);
        remote = hash < 0 ? source : source[..hash];
        reference = hash < 0 || hash == source.Length - 1 ? null : source[(hash + 1)..];
        if (remote.StartsWith("git+", StringComparison.Ordinal))
        {
            remote = remote[4..];
            return true;
        }

        return remote.StartsWith("git://", StringComparison.Ordinal)
            || (Uri.TryCreate(remote, UriKind.Absolute, out var u) && u.AbsolutePath.EndsWith(".git", StringComparison.Ordinal));
    }

    private async Task<PackageLoadResult> LoadRepoJsonAsync(Uri uri, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        foreach (var type in RepoAccept)
        {
            request.Headers.Accept.ParseAdd(type);
        }

        request.Headers.AcceptEncoding.ParseAdd("gzip");
        request.Headers.UserAgent.ParseAdd("dcos/2.0");
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new MirrorSourceException($"cannot fetch {Redaction.Url(uri.ToString())}: {TransferCause.Describe(e)}");
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var cause = response.StatusCode == HttpStatusCode.ProxyAuthenticationRequired
                    ? "proxy refused the request: 407 Proxy Authentication Required (check the proxy credentials)"
                    : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
                throw new MirrorSourceException($"cannot fetch {Redaction.Url(uri.ToString())}: {cause}");
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            return await RepoIndexReader.ReadAsync(body, cancellationToken);
        }
    }

    /// <summary>
    /// The proxy and TLS checks of an http(s) git remote, made with the mirror's own HTTP client before libgit2 is
    /// started (see <see cref="GitRemoteProxy.ProbeAsync"/>): a refused tunnel or an untrusted certificate is reported
    /// with its cause. A plain-http remote that the proxy settings route through a proxy is left to the refusal of
    /// <see cref="GitRemoteProxy.Configure"/>.
    /// </summary>
    private async Task ProbeGitAsync(string remote, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(remote, UriKind.Absolute, out var uri) || (uri.Scheme == Uri.UriSchemeHttp && proxy?.GetProxy(uri) is not null))
        {
            return;
        }

        HttpStatusCode? status;
        try
        {
            status = await GitRemoteProxy.ProbeAsync(http, remote, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new MirrorSourceException($"git remote {Redaction.Url(remote)}: {TransferCause.Describe(e)}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MirrorSourceException($"git remote {Redaction.Url(remote)}: no answer within 60 s");
        }

        if (status == HttpStatusCode.ProxyAuthenticationRequired)
        {
            throw new MirrorSourceException($"git remote {Redaction.Url(remote)}: {TransferCause.Describe(HttpStatusCode.ProxyAuthenticationRequired, null)}");
        }
    }

    private PackageLoadResult LoadGit(string remote, string? reference, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(Path.GetTempPath(), "universe-mirror-git-" + Guid.NewGuid().ToString("N"));
        try
        {
            var options = new CloneOptions { Checkout = false, IsBare = true };
            options.FetchOptions.CertificateCheck = CheckCertificate;
            try
            {
                GitRemoteProxy.Configure(options.FetchOptions, remote, proxy ?? ProxySettings.None);
            }
            catch (GitProxyException e)
            {
                throw new MirrorSourceException($"git remote {Redaction.Url(remote)}: {e.Message}");
            }

            try
            {
                Repository.Clone(remote, directory, options);
            }
            catch (LibGit2SharpException e)
            {
                throw new MirrorSourceException($"git clone {Redaction.Url(remote)}: {Redaction.Text(GitRemoteProxy.Describe(e, "--ca-file"))}");
            }

            using var git = new Repository(directory);
            var commit = (reference is null
                    ? git.Head.Tip
                    : git.Branches[reference]?.Tip ?? git.Branches["origin/" + reference]?.Tip ?? git.Tags[reference]?.PeeledTarget as Commit ?? git.Lookup<Commit>(reference))
                ?? throw new MirrorSourceException($"git remote {Redaction.Url(remote)}: no branch, tag or commit [{reference ?? "HEAD"}]");
            var tree = commit["repo/packages"]?.Target as Tree ?? commit["packages"]?.Target as Tree
                ?? throw new MirrorSourceException($"git remote {Redaction.Url(remote)}: no repo/packages at {commit.Sha[..12]}");
            return ReadTree(tree, cancellationToken);
        }
        finally
        {
            TryDelete(directory);
        }
    }

    /// <summary>libgit2's verdict (the system's store), else the <c>--ca-file</c> roots with a host-name match.</summary>
    private bool CheckCertificate(Certificate certificate, bool valid, string host)
    {
        if (valid || trust is not { IsEmpty: false } || certificate is not CertificateX509 { Certificate: { } x509 })
        {
            return valid;
        }

        using var presented = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(x509.GetRawCertData());
        return trust.ValidateForHost(presented, valid, host);
    }

    private static PackageLoadResult ReadTree(Tree packagesTree, CancellationToken cancellationToken)
    {
        var packages = new List<PackageDefinition>();
        var errors = new List<PackageLoadError>();
        foreach (var letter in packagesTree.Where(e => e.TargetType == TreeEntryTargetType.Tree))
        {
            foreach (var name in ((Tree)letter.Target).Where(e => e.TargetType == TreeEntryTargetType.Tree))
            {
                foreach (var revision in ((Tree)name.Target).Where(e => e.TargetType == TreeEntryTargetType.Tree))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var location = $"{letter.Name}/{name.Name}/{revision.Name}";
                    if (!long.TryParse(revision.Name, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var release))
                    {
                        errors.Add(new PackageLoadError(location, $"Revision directory [{revision.Name}] is not a non-negative integer"));
                        continue;
                    }

                    var files = (Tree)revision.Target;
                    try
                    {
                        var package = PackageDecoder.Decode(new PackageRevisionFiles(
                            release,
                            Blob(files, PackageRevisionFiles.PackageFile) ?? throw new FormatException("package.json is missing"),
                            Blob(files, PackageRevisionFiles.ResourceFile),
                            Blob(files, PackageRevisionFiles.ConfigFile),
                            Blob(files, PackageRevisionFiles.CommandFile),
                            Blob(files, PackageRevisionFiles.MarathonFile)));
                        packages.Add(package);
                    }
                    catch (Exception e) when (e is System.Text.Json.JsonException or FormatException)
                    {
                        errors.Add(new PackageLoadError(location, e.Message));
                    }
                }
            }
        }

        return new PackageLoadResult(packages, errors);
    }

    private static byte[]? Blob(Tree tree, string file)
    {
        if (tree[file]?.Target is not LibGit2Sharp.Blob blob)
        {
            return null;
        }

        using var stream = blob.GetContentStream();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
                {
                    File.SetAttributes(file, FileAttributes.Normal);
                }

                Directory.Delete(directory, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A temporary clone; the OS temp cleaner gets what is left.
        }
    }
}

/// <summary>A <c>--source</c> that cannot be read; the message names it (credentials removed).</summary>
public sealed class MirrorSourceException(string message) : Exception(message);
