using System.Runtime.CompilerServices;
using System.Text.Json;
using MarketIntel.Core.Storage;
using MarketIntel.Storage.Documents;

namespace MarketIntel.Storage.Embedded;

/// <summary>
/// The raw archive as files under <c>{Storage:DataPath}/raw</c>, laid out like the blob names
/// (<c>provider/yyyy/MM/dd/dataset/sha256.ext</c>) with a <c>.meta.json</c> beside each. Files are written to a
/// temporary name and moved into place without overwrite, the file-system form of If-None-Match:*.
/// </summary>
public sealed class FileRawArchive(string rootPath) : IRawArchive
{
    private const string MetadataSuffix = ".meta.json";
    private const string ContentTypeKey = "contenttype";

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

    public async Task<RawArchiveItem?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        var path = PathOf(key);
        if (!File.Exists(path))
        {
            return null;
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

        var keys = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(MetadataSuffix, StringComparison.Ordinal) && !Path.GetFileName(f).StartsWith('.'))
            .Select(f => Path.GetRelativePath(RootPath, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        foreach (var key in keys)
        {
            yield return await ReadEntryAsync(key, alreadyExisted: false, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task<int> DeleteDayAsync(string provider, DateOnly day, CancellationToken cancellationToken = default)
    {
        var directory = PathOf(RawArchiveRules.DayPrefix(provider, day));
        if (!Directory.Exists(directory))
        {
            return Task.FromResult(0);
        }

        var count = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Count(f => !f.EndsWith(MetadataSuffix, StringComparison.Ordinal) && !Path.GetFileName(f).StartsWith('.'));
        Directory.Delete(directory, recursive: true);
        return Task.FromResult(count);
    }

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
