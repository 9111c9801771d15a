using System.Globalization;
using System.Text.Json;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using MarketIntel.Ingestion.Providers;
using MarketIntel.Ingestion.Streaming;

namespace MarketIntel.Ingestion.Tests.Streaming;

/// <summary>
/// The embedded store's one-transaction path (<see cref="IBarStore.TryUpsertManyWithRecordsAsync{TFirst, TSecond}"/>:
/// states, watermarks and bars with one commit) against the separate-store path that Cosmos DB and Azure Tables take,
/// on the same deliveries.
/// </summary>
public sealed class TickBatchProcessorTransactionTests : IDisposable
{
    private static readonly DateTime T0 = new(2024, 3, 4, 9, 0, 0, DateTimeKind.Utc);
    private static readonly TickBatchOptions Options = new() { AllowedLateness = TimeSpan.FromSeconds(30) };
    private readonly TestStores _spanning = new();
    private readonly TestStores _separate = new();

    public void Dispose()
    {
        _spanning.Dispose();
        _separate.Dispose();
    }

    private static string Msg(string symbol, double price, decimal size, DateTime time, long id) =>
        JsonSerializer.Serialize(new { symbol, price, size, time = time.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture), tradeId = id });

    /// <summary>Deliveries with everything the path decides on: new bars, a minute crossed, duplicates inside and across batches, a re-delivered batch, late and out-of-order ticks, a malformed message.</summary>
    private static List<string[]> Deliveries()
    {
        var first = new[] { Msg("BTC-USD", 100, 1, T0.AddSeconds(1), 1), Msg("ETH-USD", 10, 2, T0.AddSeconds(2), 1), Msg("BTC-USD", 101, 1, T0.AddSeconds(3), 2) };
        var second = new[] { Msg("BTC-USD", 103, 1, T0.AddSeconds(30), 3), Msg("BTC-USD", 101, 1, T0.AddSeconds(3), 2), Msg("ETH-USD", 11, 1, T0.AddSeconds(61), 2), "not json" };
        var third = new[] { Msg("BTC-USD", 99, 1, T0.AddSeconds(62), 4), Msg("BTC-USD", 98, 1, T0.AddSeconds(20), 5), Msg("ETH-USD", 12, 1, T0.AddSeconds(125), 3) };
        var late = new[] { Msg("ETH-USD", 9, 1, T0.AddSeconds(5), 9), Msg("BTC-USD", 104, 1, T0.AddSeconds(63), 6), Msg("SOL-USD", 20, 1, T0.AddSeconds(64), 1) };
        return [first, second, first, third, [.. second, .. third], late];
    }

    [Fact]
    public async Task OneTransaction_StoresExactlyWhatTheSeparateStoresStore_OnTheSameDeliveries()
    {
        var spy = new SpanningSpy(_spanning.Bars);
        var spanning = new TickBatchProcessor(_spanning.Archive, spy, _spanning.Records, TimeProvider.System, Options);
        var separate = new TickBatchProcessor(_separate.Archive, new SeparateBarStore(_separate.Bars), _separate.Records, TimeProvider.System, Options);

        foreach (var batch in Deliveries())
        {
            var a = await spanning.ProcessAsync(batch);
            var b = await separate.ProcessAsync(batch);
            Assert.Equal((b.ArchiveKey, b.Accepted, b.BarsWritten, b.RejectionsArchiveKey), (a.ArchiveKey, a.Accepted, a.BarsWritten, a.RejectionsArchiveKey));
            Assert.Equal(b.Rejections, a.Rejections);
        }

        Assert.Equal(Deliveries().Count, spy.Committed);
        foreach (var symbol in new[] { "BTC-USD", "ETH-USD", "SOL-USD" })
        {
            Assert.Equal(await _separate.ReadBarsAsync(symbol, Timeframe.OneMinute, T0, T0.AddHours(1)), await _spanning.ReadBarsAsync(symbol, Timeframe.OneMinute, T0, T0.AddHours(1)));
            Assert.Equal(await WatermarkAsync(_separate, symbol), await WatermarkAsync(_spanning, symbol));
            for (var minute = 0; minute < 3; minute++)
            {
                Assert.Equal(await StateAsync(_separate, symbol, minute), await StateAsync(_spanning, symbol, minute));
            }
        }
    }

    [Fact]
    public async Task AStateChangedByAnotherConsumer_RollsTheTransactionBack_AndTheSeparatePathCountsEachTradeOnce()
    {
        var spy = new SpanningSpy(_spanning.Bars);
        var mine = new TickBatchProcessor(_spanning.Archive, spy, _spanning.Records, TimeProvider.System, Options);
        var other = new TickBatchProcessor(_spanning.Archive, _spanning.Bars, _spanning.Records, TimeProvider.System, Options);
        string[] first = [Msg("BTC-USD", 100, 1, T0.AddSeconds(1), 1)];
        string[] taken = [Msg("BTC-USD", 105, 1, T0.AddSeconds(2), 2), Msg("BTC-USD", 95, 1, T0.AddSeconds(3), 3)];
        string[] overlapping = [Msg("BTC-USD", 105, 1, T0.AddSeconds(2), 2), Msg("BTC-USD", 101, 1, T0.AddSeconds(4), 4)];

        await mine.ProcessAsync(first);
        await other.ProcessAsync(taken); // the partition moved: mine's cached state of the bar is stale now
        var result = await mine.ProcessAsync(overlapping);

        Assert.Equal((1, 1), (spy.Committed, spy.RolledBack));
        Assert.Equal(1, result.Accepted);
        Assert.Equal([(0, RejectReasons.Duplicate)], result.Rejections.Select(r => (r.Index, r.Reason)));
        Assert.Equal(new Bar(T0, 100, 105, 95, 101, 4, 4), Assert.Single(await _spanning.ReadBarsAsync("BTC-USD", Timeframe.OneMinute, T0, T0.AddHours(1))));
    }

    private static async Task<DateTime?> WatermarkAsync(TestStores stores, string symbol) =>
        (await stores.Records.GetAsync<DateTime>(TickStreamRecords.Watermark, "ticks", symbol))?.Payload;

    private static async Task<string?> StateAsync(TestStores stores, string symbol, int minute)
    {
        var state = await stores.Records.GetAsync<TickBarState>(TickStreamRecords.BarState, TickStreamRecords.BarPartition("ticks", new Symbol(symbol), Timeframe.OneMinute), TickStreamRecords.BarId(T0.AddMinutes(minute)));
        return state is null ? null : JsonSerializer.Serialize(state.Payload);
    }

    /// <summary>The embedded bar store, counting the spanning transactions that committed and those that wrote nothing.</summary>
    private sealed class SpanningSpy(IBarStore inner) : SeparateBarStore(inner), IBarStore
    {
        public int Committed { get; private set; }

        public int RolledBack { get; private set; }

        public async Task<BarsWithRecordsWritten<TFirst, TSecond>?> TryUpsertManyWithRecordsAsync<TFirst, TSecond>(Timeframe timeframe, IReadOnlyList<(Symbol Symbol, IReadOnlyList<Bar> Bars)> series,
            BarProvenance provenance, IRecordStore records, IReadOnlyList<RecordEnvelope<TFirst>> first, IReadOnlyList<RecordEnvelope<TSecond>> second, CancellationToken cancellationToken = default)
        {
            var result = await Inner.TryUpsertManyWithRecordsAsync(timeframe, series, provenance, records, first, second, cancellationToken);
            if (result is null)
            {
                RolledBack++;
            }
            else
            {
                Committed++;
            }

            return result;
        }
    }

    /// <summary>The embedded bar store without the spanning transaction (the port's default), as Cosmos DB and Azure Tables are.</summary>
    private class SeparateBarStore(IBarStore inner) : IBarStore
    {
        protected IBarStore Inner => inner;

        public Task<int> UpsertManyAsync(Timeframe timeframe, IReadOnlyList<(Symbol Symbol, IReadOnlyList<Bar> Bars)> series, BarProvenance provenance, CancellationToken cancellationToken = default) =>
            inner.UpsertManyAsync(timeframe, series, provenance, cancellationToken);

        public Task<int> UpsertAsync(Symbol symbol, Timeframe timeframe, IReadOnlyList<Bar> bars, BarProvenance provenance, CancellationToken cancellationToken = default) =>
            inner.UpsertAsync(symbol, timeframe, bars, provenance, cancellationToken);

        public Task<BarPage> ReadAsync(BarRangeQuery query, CancellationToken cancellationToken = default) => inner.ReadAsync(query, cancellationToken);

        public Task<DateTime?> HistoryStartAsync(Symbol symbol, Timeframe timeframe, CancellationToken cancellationToken = default) => inner.HistoryStartAsync(symbol, timeframe, cancellationToken);
    }
}
