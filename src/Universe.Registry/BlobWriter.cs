using System.Security.Cryptography;

namespace Universe.Registry;

/// <summary>
/// Writes one blob into a <see cref="BlobStore"/>, hashing as it goes. <see cref="CommitAsync"/> verifies the digest
/// and size and moves the file under its digest; anything else leaves nothing in the blob tree.
/// </summary>
public sealed class BlobWriter : IAsyncDisposable, IDisposable
{
    private readonly BlobStore _store;
    private readonly string _path;
    private readonly bool _keepOnFailure;
    private readonly Action? _release;
    private FileStream? _stream;
    private IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private bool _hashPrimed;
    private bool _done;
    private long _writeBehindFrom;

    internal BlobWriter(BlobStore store, string path, FileStream stream, bool keepOnFailure, Action? release)
    {
        _store = store;
        _path = path;
        _stream = stream;
        _keepOnFailure = keepOnFailure;
        _release = release;
        Length = stream.Length;
        _writeBehindFrom = Length;
        _hashPrimed = Length == 0;
        if (keepOnFailure && Length > 0)
        {
            try
            {
                ResumeValidator = File.Exists(ValidatorPath) ? File.ReadAllText(ValidatorPath).Trim() is { Length: > 0 } v ? v : null : null;
            }
            catch (IOException)
            {
                ResumeValidator = null;
            }
        }
    }

    /// <summary>Bytes written so far, including those of a resumed partial file.</summary>
    public long Length { get; private set; }

    /// <summary>
    /// The validator (strong ETag or Last-Modified) of the response the partial data came from, sent as <c>If-Range</c>
    /// when the transfer resumes. A resumable writer keeps it beside its partial file when it ends without a commit, so
    /// a later run resumes only the same version of the content; null when unknown.
    /// </summary>
    public string? ResumeValidator { get; set; }

    private string ValidatorPath => _path + ".validator";

    /// <summary>Appends bytes.</summary>
    public async Task WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        var stream = _stream ?? throw new ObjectDisposedException(nameof(BlobWriter));
        await PrimeHashAsync(cancellationToken);
        stream.Seek(Length, SeekOrigin.Begin);
        // Synchronous write: on Linux an "async" file write is a thread-pool hop, which costs more than it saves here.
        cancellationToken.ThrowIfCancellationRequested();
        stream.Write(data.Span);
        Length += data.Length;
        if (Length - _writeBehindFrom >= WriteBehind.Chunk)
        {
            // Hand the bytes to the disk now, while the next ones arrive: the commit's fsync then finds little left.
            WriteBehind.Start(stream.SafeFileHandle, _writeBehindFrom, Length - _writeBehindFrom);
            _writeBehindFrom = Length;
        }

        _hash.AppendData(data.Span);
    }

    /// <summary>Throws away what was written (e.g. the server ignored a Range request and sends the whole blob).</summary>
    public void Reset()
    {
        var stream = _stream ?? throw new ObjectDisposedException(nameof(BlobWriter));
        stream.SetLength(0);
        Length = 0;
        _writeBehindFrom = 0;
        ResumeValidator = null;
        _hash.Dispose();
        _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        _hashPrimed = true;
    }

    /// <summary>
    /// Verifies and publishes the blob; returns its digest. A digest or size mismatch deletes the partial data and
    /// throws <see cref="RegistryException"/> (<see cref="RegistryErrorKind.DigestMismatch"/>).
    /// </summary>
    public async Task<string> CommitAsync(string? expectedDigest = null, long? expectedSize = null, CancellationToken cancellationToken = default)
    {
        var stream = _stream ?? throw new ObjectDisposedException(nameof(BlobWriter));
        await PrimeHashAsync(cancellationToken);
        var digest = ContentDigest.FromHash(_hash.GetHashAndReset());
        if ((expectedDigest is not null && digest != expectedDigest) || (expectedSize is not null && Length != expectedSize))
        {
            var size = Length;
            Discard();
            throw new RegistryException(RegistryErrorKind.DigestMismatch,
                expectedDigest is not null && digest != expectedDigest
                    ? $"Content has digest {digest}, expected {expectedDigest}; nothing stored"
                    : $"Content has {size} bytes, expected {expectedSize}; nothing stored");
        }

        await stream.FlushAsync(cancellationToken);
        stream.Flush(flushToDisk: true);
        await stream.DisposeAsync();
        _stream = null;
        _store.Publish(_path, digest);
        DeleteValidator();
        _done = true;
        _release?.Invoke();
        return digest;
    }

    /// <summary>Deletes what was written, including a resumable partial file.</summary>
    public void Discard()
    {
        _stream?.Dispose();
        _stream = null;
        TryDelete();
        _done = true;
        _release?.Invoke();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_done)
        {
            _stream?.Flush();
            _stream?.Dispose();
            _stream = null;
            if (!_keepOnFailure || Length == 0)
            {
                // Nothing worth resuming (or not resumable): no file is left behind.
                TryDelete();
            }
            else
            {
                KeepValidator();
            }

            _done = true;
            _release?.Invoke();
        }

        _hash.Dispose();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task PrimeHashAsync(CancellationToken cancellationToken)
    {
        if (_hashPrimed)
        {
            return;
        }

        var stream = _stream!;
        stream.Seek(0, SeekOrigin.Begin);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            long total = 0;
            int read;
            while (total < Length && (read = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, Length - total)), cancellationToken)) > 0)
            {
                _hash.AppendData(buffer, 0, read);
                total += read;
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }

        _hashPrimed = true;
    }

    private void TryDelete()
    {
        try
        {
            File.Delete(_path);
        }
        catch (IOException)
        {
        }

        DeleteValidator();
    }

    private void KeepValidator()
    {
        try
        {
            if (ResumeValidator is null)
            {
                File.Delete(ValidatorPath);
            }
            else
            {
                File.WriteAllText(ValidatorPath, ResumeValidator);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Without its validator the partial file is started over next time: slower, never wrong.
        }
    }

    private void DeleteValidator()
    {
        if (_keepOnFailure)
        {
            try
            {
                File.Delete(ValidatorPath);
            }
            catch (IOException)
            {
            }
        }
    }
}
