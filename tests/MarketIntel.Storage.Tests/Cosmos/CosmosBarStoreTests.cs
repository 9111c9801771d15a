using MarketIntel.Core.Storage;
using MarketIntel.Storage.Cosmos;
using MarketIntel.Storage.Tests.Contracts;
using MarketIntel.Storage.Tests.Emulators;

namespace MarketIntel.Storage.Tests.Cosmos;

[Trait("Category", "Emulator")]
[Collection(CosmosCollection.Name)]
public sealed class CosmosBarStoreTests(CosmosEmulatorFixture cosmos) : BarStoreContract
{
    protected override IBarStore Store { get; } = new CosmosBarStore(cosmos.Storage, TimeProvider.System);
}
