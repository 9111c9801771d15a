using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using MarketIntel.Core.Storage;
using MarketIntel.Storage.Documents;

namespace MarketIntel.Storage.Blob;

/// <summary>
/// The raw archive in a Blob container: blob name = archive key (<c>provider/yyyy/MM/dd/dataset/sha256.ext</c>),
/// written with If-None-Match:* so that a retry finds the first copy (409) instead of overwriting it.
/// </summary>
public sealed class BlobRawArchive(BlobContainerClient container, bool createContainerIfNotExists = true) : IRawArchive
{
    private readonly AsyncOnce initialize = new(ct => createContainerIfNotExists ? container.CreateIfNotExistsAsync(cancellationToken: ct) : Task.CompletedTask);

    public BlobContainerClient Container { get; } = container;

    public async Task<RawArchiveEntry> PutAsync(RawPayload payload, CancellationToken cancellationToken = default)
    {
        RawArchiveRules.Validate(payload);
        await initialize.RunAsync(cancellationToken).ConfigureAwait(false);
        var sha = RawArchiveRules.Sha256Hex(payload.Content.Span);
        var key = RawArchiveRules.Key(payload, sha);
        var blob = Container.GetBlobClient(key);
        var metadata = RawArchiveMetadata.From(payload, sha);
        try
        {
            await blob.UploadAsync(
                new BinaryData(payload.Content),
                new BlobUploadOptions
                {
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                    Metadata = metadata,
                    HttpHeaders = new BlobHttpHeaders { ContentType = payload.ContentType },
                },
                cancellationToken).ConfigureAwait(false);
            return RawArchiveMetadata.ToEntry(key, metadata, payload.Content.Length, payload.ContentType, alreadyExisted: false);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return RawArchiveMetadata.ToEntry(key, properties.Value.Metadata, properties.Value.ContentLength, properties.Value.ContentType, alreadyExisted: true);
        }
    }

    public async Task<RawArchiveItem?> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        try
        {
            var result = await Container.GetBlobClient(key).DownloadContentAsync(cancellationToken).ConfigureAwait(false);
            var details = result.Value.Details;
            var content = result.Value.Content.ToMemory();
            return new RawArchiveItem(RawArchiveMetadata.ToEntry(key, details.Metadata, content.Length, details.ContentType, alreadyExisted: false), content);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async IAsyncEnumerable<RawArchiveEntry> ListAsync(string provider, DateOnly day, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var prefix = RawArchiveRules.DayPrefix(provider, day);
        var blobs = Container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, prefix, cancellationToken);
        await foreach (var item in blobs.ConfigureAwait(false))
        {
            yield return RawArchiveMetadata.ToEntry(item.Name, item.Metadata, item.Properties.ContentLength ?? 0, item.Properties.ContentType, alreadyExisted: false);
        }
    }

    public async Task<int> DeleteDayAsync(string provider, DateOnly day, CancellationToken cancellationToken = default)
    {
        var deleted = 0;
        await foreach (var item in Container.GetBlobsAsync(BlobTraits.None, BlobStates.None, RawArchiveRules.DayPrefix(provider, day), cancellationToken).ConfigureAwait(false))
        {
            if ((await Container.DeleteBlobIfExistsAsync(item.Name, cancellationToken: cancellationToken).ConfigureAwait(false)).Value)
            {
                deleted++;
            }
        }

        return deleted;
    }
}
