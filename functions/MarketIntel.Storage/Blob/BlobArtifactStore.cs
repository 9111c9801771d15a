using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using MarketIntel.Core.Storage;

namespace MarketIntel.Storage.Blob;

/// <summary>
/// Artifacts as blobs named by the artifact name, written once with If-None-Match:* and carrying their SHA-256
/// and code version as metadata; the SDK streams large content in blocks.
/// </summary>
public sealed class BlobArtifactStore(BlobContainerClient container, bool createContainerIfNotExists = true) : IArtifactStore
{
    private const string Sha256Key = "sha256";
    private const string CodeVersionKey = "codeversion";
    private readonly AsyncOnce initialize = new(ct => createContainerIfNotExists ? container.CreateIfNotExistsAsync(cancellationToken: ct) : Task.CompletedTask);

    public BlobContainerClient Container { get; } = container;

    public async Task<ArtifactEntry> PutAsync(string name, Stream content, string contentType, string codeVersion, CancellationToken cancellationToken = default)
    {
        ArtifactRules.ValidateName(name);
        if (string.IsNullOrWhiteSpace(codeVersion))
        {
            throw new InvalidRecordException($"Artifact '{name}' needs a code version.");
        }

        await initialize.RunAsync(cancellationToken).ConfigureAwait(false);
        await using var spooled = await SpooledContent.CreateAsync(content, cancellationToken).ConfigureAwait(false);
        var blob = Container.GetBlobClient(name);
        try
        {
            await blob.UploadAsync(
                spooled.Stream,
                new BlobUploadOptions
                {
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                    Metadata = new Dictionary<string, string> { [Sha256Key] = spooled.Sha256, [CodeVersionKey] = Uri.EscapeDataString(codeVersion) },
                    HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
                },
                cancellationToken).ConfigureAwait(false);
            return new ArtifactEntry(name, spooled.Length, spooled.Sha256, contentType, codeVersion);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            var existing = (await GetInfoAsync(name, cancellationToken).ConfigureAwait(false))!;
            return existing.Sha256 == spooled.Sha256
                ? existing with { AlreadyExisted = true }
                : throw new ConcurrencyConflictException($"Artifact '{name}' already exists with different content (SHA-256 {existing.Sha256}, not {spooled.Sha256}); artifacts are immutable.", e);
        }
    }

    public async Task<ArtifactEntry?> GetInfoAsync(string name, CancellationToken cancellationToken = default)
    {
        try
        {
            var properties = (await Container.GetBlobClient(name).GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value;
            return new ArtifactEntry(
                name,
                properties.ContentLength,
                properties.Metadata.TryGetValue(Sha256Key, out var sha) ? sha : string.Empty,
                properties.ContentType,
                properties.Metadata.TryGetValue(CodeVersionKey, out var version) ? Uri.UnescapeDataString(version) : string.Empty);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task<Stream?> OpenReadAsync(string name, CancellationToken cancellationToken = default)
    {
        try
        {
            return (await Container.GetBlobClient(name).DownloadStreamingAsync(cancellationToken: cancellationToken).ConfigureAwait(false)).Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }
}
