using MarketIntel.Core.Market;
using MarketIntel.Ingestion.Service;

namespace MarketIntel.Ingestion.Tests.Service;

public sealed class CheckpointStoreTests : IDisposable
{
    private static readonly DateTime Day = new(2024, 3, 4, 0, 0, 0, DateTimeKind.Utc);
    private readonly TestStores _stores = new();

    public void Dispose() => _stores.Dispose();

    [Fact]
    public async Task ConcurrentAdvances_NeverMoveACheckpointBack_AndLoseNoCount()
    {
        var checkpoints = new CheckpointStore(_stores.Records, TimeProvider.System, "test");
        var random = new Random(5);
        var targets = Enumerable.Range(0, 12).Select(_ => Day.AddMinutes(random.Next(1, 10_000))).ToList();

        await Task.WhenAll(targets.Select(t => Task.Run(() => checkpoints.AdvanceAsync("binance", new Symbol("BTC-USDT"), Timeframe.OneMinute, t, t.AddMinutes(-1), 10))));

        var checkpoint = await checkpoints.GetAsync("binance", new Symbol("BTC-USDT"), Timeframe.OneMinute);
        Assert.Equal(targets.Max(), checkpoint!.CompleteUntilUtc);
        Assert.Equal(targets.Max().AddMinutes(-1), checkpoint.NewestBarOpenUtc);
        Assert.Equal(120, checkpoint.BarsWritten);

        await checkpoints.AdvanceAsync("binance", new Symbol("BTC-USDT"), Timeframe.OneMinute, Day, null, 0);
        Assert.Equal(targets.Max(), (await checkpoints.GetAsync("binance", new Symbol("BTC-USDT"), Timeframe.OneMinute))!.CompleteUntilUtc);
        Assert.Null(await checkpoints.GetAsync("coinbase", new Symbol("BTC-USDT"), Timeframe.OneMinute));
    }
}
