using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using LibGit2Sharp;
using Universe.Cosmos.Errors;
using Universe.Cosmos.Http;
using Universe.Cosmos.Packages;
using Universe.Registry;

namespace Universe.Cosmos.Repositories;

/// <summary>
/// A git repository holding a universe tree. Cloned (bare) once into <c>{DataDirectory}/repositories/git/</c>, fetched
/// on every refresh; the tree is read straight from the git objects at the branch, tag or commit of the URI fragment
/// (default: the remote's default branch). Unchanged while the resolved commit is unchanged.
/// </summary>
internal sealed class GitRepositorySource(
    PackageRepository repository, RepositoryLocation location, string cloneRoot, OutboundConnectionGuard guard, TrustedCertificates trust, ProxySettings proxy, HttpClient probe) : IRepositorySource
{
    // One clone per remote, shared by every repository entry on that remote (e.g. two branches): one lock per clone.
    private static readonly ConcurrentDictionary<string, Lock> Gates = new(StringComparer.Ordinal);

    public async Task<RepositoryFetchResult> FetchAsync(string? validator, CancellationToken cancellationToken)
    {
        await CheckRemoteAddressAsync(cancellationToken);
        await ProbeThroughProxyAsync(cancellationToken);
        try
        {
            return await Task.Run(
                () =>
                {
                    lock (Gates.GetOrAdd(CloneDirectory(cloneRoot, location.Target), _ => new Lock()))
                    {
                        return Fetch(validator, cancellationToken);
                    }
                },
                cancellationToken);
        }
        catch (LibGit2SharpException e)
        {
            throw new CosmosException(new RepositoryUriConnection(repository, GitRemoteProxy.Describe(e, "Cosmos:Fetch:TrustedCertificatesFile")));
        }
        catch (GitProxyException e)
        {
            throw new CosmosException(new RepositoryUriConnection(repository, e.Message));
        }
    }

    /// <summary>
    /// libgit2 opens its own connections, so the forgery guard checks the remote's resolved addresses before each
    /// clone or fetch (a best effort: unlike HTTP repositories, not at connect time). Through a proxy (Cosmos:Proxy) the
    /// check is the same: the destination the proxy is asked to reach is refused before the proxy is contacted.
    /// </summary>
    private async Task CheckRemoteAddressAsync(CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(location.Target, UriKind.Absolute, out var remote) || remote.Scheme is not ("http" or "https"))
        {
            return;
        }

        // libgit2 picks the address itself, so any refused address refuses the remote.
        var (_, refusal) = await guard.ResolveAsync(remote.IdnHost, cancellationToken);
        if (refusal is not null)
        {
            throw new CosmosException(new RepositoryUriConnection(repository, OutboundConnectionGuard.RefusalMessage(remote.Host, refusal)));
        }
    }

    /// <summary>
    /// An https remote behind the proxy is asked once with Cosmos's own guarded HTTP client (same proxy, credentials and
    /// trust) before libgit2 runs: a refused tunnel or an untrusted certificate is reported with its cause, and libgit2
    /// never meets them (it hangs closing a refused TLS session inside a proxy tunnel).
    /// </summary>
    private async Task ProbeThroughProxyAsync(CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(location.Target, UriKind.Absolute, out var remote) || remote.Scheme != Uri.UriSchemeHttps || proxy.GetProxy(remote) is null)
        {
            return;
        }

        try
        {
            await GitRemoteProxy.ProbeAsync(probe, location.Target, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            var cause = e.HttpRequestError == HttpRequestError.ProxyTunnelError
                ? $"the proxy refused the tunnel: {e.Message} (check Cosmos:Proxy credentials)"
                : e.InnerException is System.Security.Authentication.AuthenticationException
                    ? $"the server's certificate is not trusted ({e.InnerException.Message}): add the CA that issued it with Cosmos:Fetch:TrustedCertificatesFile"
                    : e.InnerException?.Message ?? e.Message;
            throw new CosmosException(new RepositoryUriConnection(repository, cause));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CosmosException(new RepositoryUriConnection(repository, "no answer within 60 s"));
        }
    }

    /// <summary>The remote (URL or path) this source clones.</summary>
    public string Remote => location.Target;

    /// <summary>Deletes the local clone (best effort; a later fetch clones again).</summary>
    public void DeleteClone()
    {
        var directory = CloneDirectory(cloneRoot, location.Target);
        lock (Gates.GetOrAdd(directory, _ => new Lock()))
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
                // Left for the next clone attempt to replace.
            }
        }
    }

    /// <summary>The clone directory of a remote under <paramref name="cloneRoot"/>.</summary>
    internal static string CloneDirectory(string cloneRoot, string remote) =>
        Path.Combine(cloneRoot, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(remote)))[..24] + ".git");

    private RepositoryFetchResult Fetch(string? validator, CancellationToken cancellationToken)
    {
        var directory = CloneDirectory(cloneRoot, location.Target);
        if (!Repository.IsValid(directory))
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }

            Directory.CreateDirectory(cloneRoot);
            var clone = new CloneOptions { IsBare = true };
            clone.FetchOptions.CertificateCheck = CheckCertificate;
            GitRemoteProxy.Configure(clone.FetchOptions, location.Target, proxy);
            Repository.Clone(location.Target, directory, clone);
        }

        using var git = new Repository(directory);
        var fetch = new FetchOptions { CertificateCheck = CheckCertificate };
        GitRemoteProxy.Configure(fetch, location.Target, proxy);
        Commands.Fetch(git, "origin", ["+refs/heads/*:refs/remotes/origin/*", "+refs/tags/*:refs/tags/*"], fetch, logMessage: null);
        var commit = Resolve(git)
            ?? throw new CosmosException(new RepositoryUriConnection(repository, $"No branch, tag or commit [{location.Reference ?? "HEAD"}] in {location.Target}"));
        if (commit.Sha == validator)
        {
            return RepositoryFetchResult.Unchanged(validator);
        }

        var packages = commit["repo/packages"]?.Target as Tree ?? commit["packages"]?.Target as Tree;
        return new RepositoryFetchResult(packages is null ? PackageLoadResult.Empty : Read(packages, cancellationToken), commit.Sha);
    }

    private bool CheckCertificate(Certificate certificate, bool valid, string host)
    {
        if (valid || certificate is not CertificateX509 { Certificate: { } x509 })
        {
            return valid;
        }

        using var presented = X509CertificateLoader.LoadCertificate(x509.GetRawCertData());
        return trust.ValidateGit(presented, valid, host);
    }

    private Commit? Resolve(Repository git)
    {
        var reference = location.Reference;
        if (reference is null)
        {
            var head = git.Head;
            return git.Branches["origin/" + head.FriendlyName]?.Tip ?? head.Tip;
        }

        return git.Branches["origin/" + reference]?.Tip
            ?? git.Tags[reference]?.PeeledTarget as Commit
            ?? git.Branches[reference]?.Tip
            ?? (reference.Length >= 4 && reference.All(char.IsAsciiHexDigit) ? git.Lookup<Commit>(reference) : null);
    }

    private static PackageLoadResult Read(Tree packages, CancellationToken cancellationToken)
    {
        var files = new List<(string Location, PackageRevisionFiles? Files, string Name)>(2048);
        var errors = new List<PackageLoadError>();
        foreach (var letter in packages.Where(e => e.TargetType == TreeEntryTargetType.Tree))
        {
            foreach (var name in ((Tree)letter.Target).Where(e => e.TargetType == TreeEntryTargetType.Tree))
            {
                foreach (var revision in ((Tree)name.Target).Where(e => e.TargetType == TreeEntryTargetType.Tree))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var where = $"{letter.Name}/{name.Name}/{revision.Name}";
                    if (!long.TryParse(revision.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var release))
                    {
                        errors.Add(new PackageLoadError(where, $"Revision directory [{revision.Name}] is not a non-negative integer"));
                        continue;
                    }

                    var tree = (Tree)revision.Target;
                    var package = Blob(tree, PackageRevisionFiles.PackageFile);
                    if (package is null)
                    {
                        errors.Add(new PackageLoadError(where, "package.json is missing"));
                        continue;
                    }

                    files.Add((where, new PackageRevisionFiles(
                        release,
                        package,
                        Blob(tree, PackageRevisionFiles.ResourceFile),
                        Blob(tree, PackageRevisionFiles.ConfigFile),
                        Blob(tree, PackageRevisionFiles.CommandFile),
                        Blob(tree, PackageRevisionFiles.MarathonFile)), name.Name));
                }
            }
        }

        var slots = new PackageDefinition?[files.Count];
        var failures = new PackageLoadError?[files.Count];
        Parallel.For(0, files.Count, i =>
        {
            var (where, revision, name) = files[i];
            try
            {
                var package = PackageDecoder.Decode(revision!);
                slots[i] = package.Name == name ? package : throw new FormatException($"package.json name [{package.Name}] differs from its directory [{name}]");
            }
            catch (Exception e) when (e is JsonException or FormatException)
            {
                failures[i] = new PackageLoadError(where, e.Message);
            }
        });
        errors.AddRange(failures.OfType<PackageLoadError>());
        return new PackageLoadResult(UniverseTreeReader.Collect(slots), errors);
    }

    private static byte[]? Blob(Tree tree, string file)
    {
        if (tree[file]?.Target is not Blob blob)
        {
            return null;
        }

        using var stream = blob.GetContentStream();
        var bytes = new byte[blob.Size];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
