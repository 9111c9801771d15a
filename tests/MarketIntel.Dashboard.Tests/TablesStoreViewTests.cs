namespace MarketIntel.Dashboard.Tests;

/// <summary>Every view test once more against the local host on <c>--store tables</c> (Azure Tables and Blob on Azurite).</summary>
[Trait("Category", "Emulator")]
[Collection(TablesDashboardCollection.Name)]
public sealed class TablesStoreViewTests(TablesDashboardFixture fixture) : ViewTests(fixture);
