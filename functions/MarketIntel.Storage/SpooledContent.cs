using System.Security.Cryptography;

namespace MarketIntel.Storage;

/// <summary>
/// A stream's SHA-256 and length, known before the stream is uploaded: a seekable stream is hashed and rewound;
/// any other is copied to a temporary file while hashing (deleted on dispose).
/// </summary>
internal sealed class SpooledContent : IAsyncDisposable
{
    private readonly string? temporaryPath;
    private readonly bool ownsStream;

    private SpooledContent(Stream stream, long length, string sha256, string? temporaryPath, bool ownsStream)
    {
        Stream = stream;
        Length = length;
        Sha256 = sha256;
        this.temporaryPath = temporaryPath;
        this.ownsStream = ownsStream;
    }

    public Stream Stream { get; }

    public long Length { get; }

    public string Sha256 { get; }

    public static async Task<SpooledContent> CreateAsync(Stream source, CancellationToken cancellationToken)
    {
        if (source.CanSeek)
        {
            var start = source.Position;
            var (length, sha) = await CopyHashingAsync(source, Stream.Null, cancellationToken).ConfigureAwait(false);
            source.Position = start;
            return new SpooledContent(source, length, sha, null, ownsStream: false);
        }

        var path = Path.Combine(Path.GetTempPath(), "marketintel-spool-" + Guid.NewGuid().ToString("N"));
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            var (length, sha) = await CopyHashingAsync(source, file, cancellationToken).ConfigureAwait(false);
            file.Position = 0;
            return new SpooledContent(file, length, sha, path, ownsStream: true);
        }
        catch
        {
            await file.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Copies <paramref name="source"/> to its end into <paramref name="destination"/>; returns the length and SHA-256 (lowercase hex).</summary>
    public static async Task<(long Length, string Sha256)> CopyHashingAsync(Stream source, Stream destination, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long length = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            length += read;
        }

        return (length, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    public async ValueTask DisposeAsync()
    {
        if (ownsStream)
        {
            await Stream.DisposeAsync().ConfigureAwait(false);
        }

        if (temporaryPath is not null && File.Exists(temporaryPath))
        {
            File.Delete(temporaryPath);
        }
    }
}
