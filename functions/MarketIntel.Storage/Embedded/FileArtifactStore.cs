using System.Text.Json;
using MarketIntel.Core.Storage;
using MarketIntel.Storage.Documents;

namespace MarketIntel.Storage.Embedded;

/// <summary>
/// Artifacts as files under <c>{Storage:DataPath}/artifacts</c>, path = artifact name, with a <c>.meta.json</c>
/// beside each. Content is written to a temporary file while hashed, then moved into place without overwrite.
/// Safe against retries; two processes racing to write different content under one name are not arbitrated.
/// </summary>
public sealed class FileArtifactStore(string rootPath) : IArtifactStore
{
    private const string MetadataSuffix = ".meta.json";

    public string RootPath { get; } = Path.GetFullPath(rootPath);

    public async Task<ArtifactEntry> PutAsync(string name, Stream content, string contentType, string codeVersion, CancellationToken cancellationToken = default)
    {
        ArtifactRules.ValidateName(name);
        if (string.IsNullOrWhiteSpace(codeVersion))
        {
            throw new InvalidRecordException($"Artifact '{name}' needs a code version.");
        }

        var path = Path.Combine(RootPath, name.Replace('/', Path.DirectorySeparatorChar));
        var directory = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            long length;
            string sha;
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                (length, sha) = await SpooledContent.CopyHashingAsync(content, file, cancellationToken).ConfigureAwait(false);
            }

            var entry = new ArtifactEntry(name, length, sha, contentType, codeVersion);
            if (!File.Exists(path))
            {
                // Metadata of content not yet committed may be replaced; the content file is the commit point.
                await File.WriteAllBytesAsync(path + MetadataSuffix, JsonSerializer.SerializeToUtf8Bytes(entry, StorageJson.Options), cancellationToken).ConfigureAwait(false);
                try
                {
                    File.Move(temporary, path, overwrite: false);
                    return entry;
                }
                catch (IOException) when (File.Exists(path))
                {
                    // Another attempt committed first: compare below.
                }
            }

            var existing = (await GetInfoAsync(name, cancellationToken).ConfigureAwait(false))!;
            return existing.Sha256 == sha
                ? existing with { AlreadyExisted = true }
                : throw new ConcurrencyConflictException($"Artifact '{name}' already exists with different content (SHA-256 {existing.Sha256}, not {sha}); artifacts are immutable.");
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    public async Task<ArtifactEntry?> GetInfoAsync(string name, CancellationToken cancellationToken = default)
    {
        ArtifactRules.ValidateName(name);
        var path = Path.Combine(RootPath, name.Replace('/', Path.DirectorySeparatorChar));
        if (!File.Exists(path))
        {
            return null;
        }

        var json = await File.ReadAllBytesAsync(path + MetadataSuffix, cancellationToken).ConfigureAwait(false);
        return JsonSerializer.Deserialize<ArtifactEntry>(json, StorageJson.Options)! with { AlreadyExisted = false };
    }

    public Task<Stream?> OpenReadAsync(string name, CancellationToken cancellationToken = default)
    {
        ArtifactRules.ValidateName(name);
        var path = Path.Combine(RootPath, name.Replace('/', Path.DirectorySeparatorChar));
        Stream? stream = File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous) : null;
        return Task.FromResult(stream);
    }
}
