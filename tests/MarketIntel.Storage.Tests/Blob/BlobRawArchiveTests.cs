using Azure;
using Azure.Storage.Blobs.Models;
using MarketIntel.Core.Storage;
using MarketIntel.Storage.Blob;
using MarketIntel.Storage.Tests.Contracts;
using MarketIntel.Storage.Tests.Emulators;

namespace MarketIntel.Storage.Tests.Blob;

[Trait("Category", "Emulator")]
[Collection(AzuriteCollection.Name)]
public sealed class BlobRawArchiveTests(AzuriteFixture azurite) : RawArchiveContract
{
    private readonly BlobRawArchive archive = new(azurite.NewContainer());

    protected override IRawArchive Archive => archive;

    [Fact]
    public async Task ArchivedBlobs_CannotBeOverwrittenByAConditionalWrite()
    {
        var entry = await Archive.PutAsync(Payload("alpaca", "{\"v\":1}"));
        var blob = archive.Container.GetBlobClient(entry.Key);

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => blob.UploadAsync(
            BinaryData.FromString("{\"v\":2}"),
            new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } }));

        Assert.Equal(409, error.Status);
        Assert.Equal("{\"v\":1}", (await blob.DownloadContentAsync()).Value.Content.ToString());
    }
}
