using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;

namespace MarketIntel.Ingestion.Bridge;

/// <summary>
/// <see cref="ISingletonLease"/> on an Azure Blob lease (<see cref="BlobLeaseClient"/>): the blob (created empty if
/// missing) can be leased by one lease id at a time for 15-60 s; Azure refuses (409) another acquire until it is released
/// or expires, and refuses a renewal by an id that no longer holds it.
/// </summary>
public sealed class BlobSingletonLease : ISingletonLease
{
    private readonly BlobClient _blob;
    private readonly BlobLeaseClient _lease;

    /// <param name="blob">The lease blob, in the app's storage account (with the app's managed identity).</param>
    /// <param name="duration">15 to 60 seconds (the service's bounds for a finite lease).</param>
    public BlobSingletonLease(BlobClient blob, TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(blob);
        if (duration < TimeSpan.FromSeconds(15) || duration > TimeSpan.FromSeconds(60))
        {
            throw new ArgumentOutOfRangeException(nameof(duration), "a blob lease lasts 15 to 60 seconds");
        }

        _blob = blob;
        Duration = duration;

        // One lease id per instance: renewals and releases are only accepted from the holder.
        _lease = blob.GetBlobLeaseClient(Guid.NewGuid().ToString());
    }

    public TimeSpan Duration { get; }

    public async Task<bool> TryAcquireAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _lease.AcquireAsync(Duration, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            await BlobContainerOf(_blob).CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            try
            {
                await _blob.UploadAsync(BinaryData.Empty, overwrite: false, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException exists) when (exists.Status is 409 or 412)
            {
                // Another instance created it (or leased it) first.
            }

            return false;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public async Task<bool> RenewAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _lease.RenewAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412 or 404)
        {
            return false;
        }
    }

    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _lease.ReleaseAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412 or 404)
        {
            // Not ours any more: nothing to give up.
        }
    }

    private static BlobContainerClient BlobContainerOf(BlobClient blob) => blob.GetParentBlobContainerClient();
}
