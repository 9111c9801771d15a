namespace MarketIntel.Storage.Tests.Emulators;

/// <summary>Test classes in this collection share one Cosmos emulator.</summary>
[CollectionDefinition(Name)]
public sealed class CosmosCollection : ICollectionFixture<CosmosEmulatorFixture>
{
    public const string Name = "Cosmos emulator";
}
