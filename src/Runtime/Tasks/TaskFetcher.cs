using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;
using Universe.IO;

namespace Universe.Runtime.Tasks;

/// <summary>
/// The Mesos fetcher for <c>fetch</c>/<c>uris</c>: http(s), file: and absolute paths; extraction of known archives
/// (unless <c>extract: false</c>), <c>executable</c> (chmod 755, never extracted), <c>destPath</c> (relative to the
/// sandbox), and a download cache keyed by the URI's SHA-256 for <c>cache: true</c>. Failures throw
/// <see cref="FetchException"/>.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed partial class TaskFetcher(HttpClient http, TaskExecutorOptions options, TimeProvider time, ILogger logger)
{
    private const UnixFileMode Executable = (UnixFileMode)0x1ED; // 0755

    public async Task FetchAllAsync(IReadOnlyList<FetchUri> uris, string sandbox, CancellationToken cancellationToken)
    {
        foreach (var fetch in uris)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(options.FetchTimeoutSeconds), time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            try
            {
                await FetchOneAsync(fetch, sandbox, linked.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new FetchException("Fetching " + Redact(fetch.Uri) + " took longer than " + options.FetchTimeoutSeconds + " s");
            }
            catch (Exception e) when (e is IOException or HttpRequestException or UnauthorizedAccessException or InvalidDataException)
            {
                throw new FetchException("Failed to fetch " + Redact(fetch.Uri) + ": " + e.Message, e);
            }
        }
    }

    /// <summary>The URI without user info (credentials never reach logs or task messages).</summary>
    public static string Redact(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.UserInfo.Length > 0
            ? new UriBuilder(parsed) { UserName = string.Empty, Password = string.Empty }.Uri.ToString()
            : uri;

    private async Task FetchOneAsync(FetchUri fetch, string sandbox, CancellationToken cancellationToken)
    {
        var uri = Parse(fetch.Uri);
        var fileName = Path.GetFileName(Uri.UnescapeDataString(uri.AbsolutePath));
        if (fileName.Length == 0 || fileName is "." or ".." || fileName.Contains('\0', StringComparison.Ordinal))
        {
            fileName = "download";
        }

        var destination = fetch.DestPath is { Length: > 0 } destPath
            ? SandboxPaths.ResolveRelative(sandbox, destPath) ?? throw new FetchException("destPath '" + destPath + "' escapes the sandbox")
            : Path.Join(sandbox, fileName);
        var redacted = Redact(fetch.Uri);
        LogFetching(redacted, destination);

        string? temporary = null;
        try
        {
            string source;
            if (uri.IsFile)
            {
                source = uri.LocalPath;
                var info = new FileInfo(source);
                if (!info.Exists)
                {
                    throw new FetchException("Failed to fetch " + fetch.Uri + ": no such file");
                }

                if (info.Length > options.MaxFetchBytes)
                {
                    throw new FetchException("Failed to fetch " + fetch.Uri + ": larger than " + options.MaxFetchBytes + " bytes");
                }
            }
            else if (fetch.Cache)
            {
                source = await GetCachedAsync(fetch.Uri, uri, cancellationToken);
            }
            else
            {
                temporary = Path.Join(sandbox, ".fetch-" + Guid.NewGuid().ToString("N"));
                await DownloadAsync(uri, temporary, cancellationToken);
                source = temporary;
            }

            var kind = ArchiveKinds.FromFileName(fileName);
            if (!fetch.Executable && fetch.Extract && kind != ArchiveKind.None)
            {
                var target = fetch.DestPath is { Length: > 0 } ? destination : sandbox;
                var extractor = new ArchiveExtractor(options.MaxExtractedBytes, options.MaxArchiveEntries);
                await extractor.ExtractAsync(source, kind, target, cancellationToken);
                return;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            if (temporary is not null)
            {
                File.Move(temporary, destination, overwrite: true);
                temporary = null;
            }
            else
            {
                File.Copy(source, destination, overwrite: true);
            }

            if (fetch.Executable)
            {
                File.SetUnixFileMode(destination, Executable);
            }
        }
        finally
        {
            if (temporary is not null)
            {
                File.Delete(temporary);
            }
        }
    }

    private static Uri Parse(string text)
    {
        if (text.StartsWith('/'))
        {
            return new Uri("file://" + text);
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri))
        {
            throw new FetchException("Invalid fetch URI '" + Redact(text) + "'");
        }

        return uri.Scheme is "http" or "https" or "file"
            ? uri
            : throw new FetchException("Unsupported fetch URI scheme '" + uri.Scheme + "' (supported: http, https, file)");
    }

    private async Task<string> GetCachedAsync(string key, Uri uri, CancellationToken cancellationToken)
    {
        var directory = options.EffectiveFetchCacheDirectory;
        Directory.CreateDirectory(directory);
        var cached = Path.Join(directory, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))));
        if (File.Exists(cached))
        {
            var redacted = Redact(key);
            LogCacheHit(redacted);
            return cached;
        }

        await AtomicFile.WriteAsync(cached, (stream, token) => DownloadToAsync(uri, stream, token), null, cancellationToken);
        return cached;
    }

    private async Task DownloadAsync(Uri uri, string path, CancellationToken cancellationToken)
    {
        await using var output = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        await DownloadToAsync(uri, output, cancellationToken);
        await output.FlushAsync(cancellationToken);
        output.Flush(flushToDisk: true);
    }

    private async Task DownloadToAsync(Uri uri, Stream output, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new FetchException("Failed to fetch " + Redact(uri.ToString()) + ": HTTP " + (int)response.StatusCode);
        }

        if (response.Content.Headers.ContentLength > options.MaxFetchBytes)
        {
            throw new FetchException("Failed to fetch " + Redact(uri.ToString()) + ": larger than " + options.MaxFetchBytes + " bytes");
        }

        await using var input = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await input.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > options.MaxFetchBytes)
            {
                throw new FetchException("Failed to fetch " + Redact(uri.ToString()) + ": larger than " + options.MaxFetchBytes + " bytes");
            }

            await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Fetching {Uri} to {Destination}")]
    private partial void LogFetching(string uri, string destination);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Fetch cache hit for {Uri}")]
    private partial void LogCacheHit(string uri);
}
