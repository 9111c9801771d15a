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
    public void HighVolumeLogs_Expire_AndResultsAreKept()
    {
        Assert.Equal(TimeSpan.FromDays(30), RecordKinds.SystemEvent.TimeToLive);
        Assert.Equal(TimeSpan.FromDays(90), RecordKinds.OrchestrationRun.TimeToLive);
        Assert.All(RecordKinds.All.Except([RecordKinds.SystemEvent, RecordKinds.OrchestrationRun]), k => Assert.Null(k.TimeToLive));
    }
}
