using MarketIntel.Core.Storage;

namespace MarketIntel.Core.Tests.Storage;

public sealed class RecordKindsTests
{
    [Fact]
    public void EveryKind_HasAUniqueName_AndLivesInAKnownContainer()
    {
        var kinds = typeof(RecordKinds).GetProperties().Where(p => p.PropertyType == typeof(RecordKind)).Select(p => (RecordKind)p.GetValue(null)!).ToList();

        Assert.Equal(kinds.Count, RecordKinds.All.Count);
        Assert.Equal(kinds.Select(k => k.Name).Order(StringComparer.Ordinal), RecordKinds.All.Select(k => k.Name).Distinct().Order(StringComparer.Ordinal));
        Assert.All(RecordKinds.All, k => Assert.Contains(k.Container, StorageContainers.All));
        Assert.DoesNotContain(StorageContainers.Bars, RecordKinds.All.Select(k => k.Container));
    }

    [Fact]
    public void EveryRecordContainer_HoldsAtLeastOneKind()
    {
        // A container no kind lives in is provisioned (Bicep, CosmosStorage) and paid for, but nothing writes it.
        Assert.Equal(StorageContainers.All.Except([StorageContainers.Bars]).Order(StringComparer.Ordinal), RecordKinds.All.Select(k => k.Container).Distinct().Order(StringComparer.Ordinal));
    }
}
