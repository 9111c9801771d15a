using System.Runtime.CompilerServices;
using System.Text.Json;
using MarketIntel.Core.Storage;
using MarketIntel.Storage.Documents;

namespace MarketIntel.Storage.Embedded;

/// <summary>
/// The raw archive as files under <c>{Storage:DataPath}/raw</c>, laid out like the blob names
/// (<c>provider/yyyy/MM/dd/dataset/sha256.ext</c>). <see cref="PutAsync"/> writes a file with a <c>.meta.json</c> beside
/// it, each written to a temporary name and moved into place without overwrite, the file-system form of If-None-Match:*.
/// <see cref="AppendAsync"/> (the tick stream's batches) appends the payload to a segment file of its folder instead
/// (<see cref="RawArchiveSegments"/>); every reader serves both forms under the same keys.
/// </summary>
public sealed class FileRawArchive(string rootPath) : IRawArchive, IDisposable
{
    private const string MetadataSuffix = ".meta.json";
    private const string ContentTypeKey = "contenttype";
    private readonly RawArchiveSegments _segments = new();

    public string RootPath { get; } = Path.GetFullPath(rootPath);

    public async Task<RawArchiveEntry> PutAsync(RawPayload payload, CancellationToken cancellationToken = default)
    {
        RawArchiveRules.Validate(payload);
        var sha = RawArchiveRules.Sha256Hex(payload.Content.Span);
        var key = RawArchiveRules.Key(payload, sha);
        var path = PathOf(key);
        if (File.Exists(path))
        {
            return await ReadEntryAsync(key, alreadyExisted: true, cancellationToken).ConfigureAwait(false);
        }

        if (_segments.TryFind(Path.GetDirectoryName(path)!, Convert.FromHexString(sha), out var appended))
        {
            return SegmentEntry(appended, alreadyExisted: true);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var metadata = RawArchiveMetadata.From(payload, sha);
        metadata[ContentTypeKey] = payload.ContentType;
        // Metadata first: content that is visible always has its metadata.
        WriteOnce(path + MetadataSuffix, JsonSerializer.SerializeToUtf8Bytes(metadata, StorageJson.Options), cancellationToken);
        var written = WriteOnce(path, payload.Content, cancellationToken);
        return written
            ? RawArchiveMetadata.ToEntry(key, metadata, payload.Content.Length, payload.ContentType, alreadyExisted: false)
            : await ReadEntryAsync(key, alreadyExisted: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// One positional write to the folder's segment (no file of its own, no rename): the first copy wins as for
    /// <see cref="PutAsync"/>, found in the file of an earlier put or in the folder's segments.
    /// </summary>
    public Task<RawArchiveEntry> AppendAsync(RawPayload payload, CancellationToken cancellationToken = default)
    {
        RawArchiveRules.Validate(payload);
        cancellationToken.ThrowIfCancellationRequested();
        var sha = System.Security.Cryptography.SHA256.HashData(payload.Content.Span);
        var shaHex = Convert.ToHexStringLower(sha);
        var key = RawArchiveRules.Key(payload, shaHex);
        var path = PathOf(key);
        if (File.Exists(path))
        {
            return ReadEntryAsync(key, alreadyExisted: true, cancellationToken);
        }

        var metadata = RawArchiveMetadata.From(payload, shaHex);
        metadata[ContentTypeKey] = payload.ContentType;
        metadata[RawArchiveSegments.KeyField] = key;
        var (location, appended) = _segments.Append(Path.GetDirectoryName(path)!, sha, JsonSerializer.SerializeToUtf8Bytes(metadata, StorageJson.Options), payload.Content);
        return Task.FromResult(appended
            ? RawArchiveMetadata.ToEntry(key, metadata, payload.Content.Length, payload.ContentType, alreadyExisted: false)
            : SegmentEntry(location, alreadyExisted: true));
    }

    public async Task<RawArchiveItem?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        if (!File.Exists(path))
        {
            return FromSegments(key, path);
        }

        var content = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        var entry = await ReadEntryAsync(key, alreadyExisted: true, cancellationToken).ConfigureAwait(false);
        return new RawArchiveItem(entry with { AlreadyExisted = false }, content);
    }

    public async IAsyncEnumerable<RawArchiveEntry> ListAsync(string provider, DateOnly day, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var prefix = RawArchiveRules.DayPrefix(provider, day);
        var directory = PathOf(prefix);
        if (!Directory.Exists(directory))
        {
            yield break;
        }

        var keys = LooseFiles(directory).Select(f => Path.GetRelativePath(RootPath, f).Replace(Path.DirectorySeparatorChar, '/')).ToHashSet(StringComparer.Ordinal);
        // A key in a segment and as a file (written by two processes at once) is listed once: the file, as GetAsync serves.
        var appended = new SortedDictionary<string, RawArchiveSegments.SegmentRecord>(StringComparer.Ordinal);
        foreach (var folder in RawArchiveSegments.FoldersWithSegments(directory))
        {
            foreach (var record in RawArchiveSegments.Scan(folder))
            {
                if (!keys.Contains(record.Key))
                {
                    appended.TryAdd(record.Key, record);
                }
            }
        }

        foreach (var key in keys.Concat(appended.Keys).Order(StringComparer.Ordinal))
        {
            yield return appended.TryGetValue(key, out var record)
                ? ToEntry(record, alreadyExisted: false)
                : await ReadEntryAsync(key, alreadyExisted: false, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task<int> DeleteDayAsync(string provider, DateOnly day, CancellationToken cancellationToken = default)
    {
        var directory = PathOf(RawArchiveRules.DayPrefix(provider, day));
        if (!Directory.Exists(directory))
        {
            return Task.FromResult(0);
        }

        _segments.Forget(directory);
        var keys = LooseFiles(directory).Select(f => Path.GetRelativePath(RootPath, f).Replace(Path.DirectorySeparatorChar, '/')).ToHashSet(StringComparer.Ordinal);
        foreach (var folder in RawArchiveSegments.FoldersWithSegments(directory))
        {
            keys.UnionWith(RawArchiveSegments.Scan(folder).Select(r => r.Key));
        }

        Directory.Delete(directory, recursive: true);
        return Task.FromResult(keys.Count);
    }

    /// <summary>Closes the open segments (forcing them to the disk).</summary>
    public void Dispose() => _segments.Dispose();

    /// <summary>The payload files under a folder: not their metadata, temporaries or segments.</summary>
    private static IEnumerable<string> LooseFiles(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(MetadataSuffix, StringComparison.Ordinal) && !f.EndsWith(RawArchiveSegments.Extension, StringComparison.Ordinal) && !Path.GetFileName(f).StartsWith('.'));

    /// <summary>An appended payload by key: from the folder's index, else by reading its segments (another process's, or an entry the index dropped).</summary>
    private RawArchiveItem? FromSegments(string key, string path)
    {
        var folder = Path.GetDirectoryName(path)!;
        var name = Path.GetFileNameWithoutExtension(path);
        if (name.Length != 64 || !name.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }

        RawArchiveSegments.Location? location = _segments.TryFind(folder, Convert.FromHexString(name), out var indexed) ? indexed : null;
        if (location is null && RawArchiveSegments.Scan(folder).FirstOrDefault(r => r.Key == key) is { } scanned)
        {
            location = new RawArchiveSegments.Location(scanned.Segment, scanned.Offset);
        }

        if (location is null || RawArchiveSegments.Read(location.Value) is not { } read || read.Record.Key != key)
        {
            return null;
        }

        return new RawArchiveItem(ToEntry(read.Record, alreadyExisted: false), read.Content);
    }

    private static RawArchiveEntry SegmentEntry(RawArchiveSegments.Location location, bool alreadyExisted) =>
        RawArchiveSegments.Read(location) is { } read
            ? ToEntry(read.Record, alreadyExisted)
            : throw new IOException($"The raw archive segment '{location.Segment}' no longer holds a whole record at byte {location.Offset}.");

    private static RawArchiveEntry ToEntry(RawArchiveSegments.SegmentRecord record, bool alreadyExisted) =>
        RawArchiveMetadata.ToEntry(record.Key, record.Metadata, record.ContentLength,
            record.Metadata.TryGetValue(ContentTypeKey, out var type) ? type : "application/octet-stream", alreadyExisted);

    private async Task<RawArchiveEntry> ReadEntryAsync(string key, bool alreadyExisted, CancellationToken cancellationToken)
    {
        var path = PathOf(key);
        var json = await File.ReadAllBytesAsync(path + MetadataSuffix, cancellationToken).ConfigureAwait(false);
        var metadata = JsonSerializer.Deserialize<Dictionary<string, string>>(json, StorageJson.Options)!;
        var contentType = metadata.TryGetValue(ContentTypeKey, out var type) ? type : "application/octet-stream";
        return RawArchiveMetadata.ToEntry(key, metadata, new FileInfo(path).Length, contentType, alreadyExisted);
    }

    private string PathOf(string key)
    {
        var full = Path.GetFullPath(Path.Combine(RootPath, key));
        if (!full.StartsWith(RootPath + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Raw archive key '{key}' points outside the archive.", nameof(key));
        }

        return full;
    }

    /// <summary>
    /// Writes the file unless it exists; false when another writer (an earlier attempt) got there first. Synchronous on
    /// purpose: a local file write of a batch takes well under a millisecond, and the asynchronous API would hop to the
    /// thread pool and back for each of the two files of every tick batch.
    /// </summary>
    private static bool WriteOnce(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        File.WriteAllBytes(temporary, content.Span);
        try
        {
            File.Move(temporary, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
            return false;
        }
    }
}
