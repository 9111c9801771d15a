using MarketIntel.Core.Storage;
using MarketIntel.Storage.Blob;
using MarketIntel.Storage.Tests.Contracts;
using MarketIntel.Storage.Tests.Emulators;

namespace MarketIntel.Storage.Tests.Blob;

[Trait("Category", "Emulator")]
[Collection(AzuriteCollection.Name)]
public sealed class BlobArtifactStoreTests(AzuriteFixture azurite) : ArtifactStoreContract
{
    protected override IArtifactStore Store { get; } = new BlobArtifactStore(azurite.NewContainer());
}
