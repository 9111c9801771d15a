using System.Globalization;
using System.Text.Json;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using MarketIntel.Ingestion.Metrics;
using MarketIntel.Ingestion.Providers;
using MarketIntel.Ingestion.Streaming;

namespace MarketIntel.Ingestion.Tests.Streaming;

public sealed class TickBatchProcessorTests : IDisposable
{
    private static readonly DateTime T0 = new(2024, 3, 4, 9, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Lateness = TimeSpan.FromSeconds(30);
    private readonly TestStores _stores = new();

    public void Dispose() => _stores.Dispose();

    private TickBatchProcessor Processor(IBarStore? bars = null, IRecordStore? records = null, IngestionMetrics? metrics = null) =>
        new(_stores.Archive, bars ?? _stores.Bars, records ?? _stores.Records, TimeProvider.System, new TickBatchOptions { AllowedLateness = Lateness }, metrics);

    private static string Msg(string symbol, double price, decimal size, DateTime time, long id) =>
        JsonSerializer.Serialize(new { symbol, price, size, time = time.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture), tradeId = id });

    [Fact]
    public async Task ABatch_IsArchivedAsReceived_AndAggregatedIntoBars()
    {
        string[] batch =
        [
            Msg("BTC-USD", 100, 1, T0.AddSeconds(1), 1), Msg("BTC-USD", 105, 2, T0.AddSeconds(20), 2), Msg("ETH-USD", 10, 5, T0.AddSeconds(3), 7),
            Msg("BTC-USD", 99, 0.5m, T0.AddSeconds(65), 3), Msg("BTC-USD", 101, 1, T0.AddSeconds(10), 4),
        ];
        var result = await Processor().ProcessAsync(batch);

        Assert.Equal((5, 5, 0, 3), (result.Messages, result.Accepted, result.Rejections.Count, result.BarsWritten));
        var archived = await _stores.Archive.GetAsync(result.ArchiveKey);
        Assert.Equal(batch, JsonSerializer.Deserialize<string[]>(archived!.Content.Span));
        Assert.StartsWith("ticks/2024/03/04/ticks/", result.ArchiveKey, StringComparison.Ordinal);
        Assert.Equal(Reference(batch), await StoredAsync("BTC-USD", "ETH-USD"));
        var btc = await _stores.ReadBarsAsync("BTC-USD", Timeframe.OneMinute, T0, T0.AddHours(1));
        Assert.Equal(new Bar(T0, 100, 105, 100, 105, 4, 3), btc[0]);
    }

    [Fact]
    public async Task MalformedAndInvalidMessages_AreRejectedWithIndexAndReason_ArchivedAndCounted_AndTheRestIsStored()
    {
        string[] batch = [Msg("BTC-USD", 100, 1, T0, 1), "not json", """{"symbol":"BTC-USD","price":-1,"size":1,"time":"2024-03-04T09:00:01Z","tradeId":2}""", Msg("BTC-USD", 101, 1, T0.AddSeconds(2), 3)];
        var metrics = new IngestionMetrics();
        var result = await Processor(metrics: metrics).ProcessAsync(batch);

        Assert.Equal(2, result.Accepted);
        Assert.Equal([(1, RejectReasons.Malformed), (2, RejectReasons.Invalid)], result.Rejections.Select(r => (r.Index, r.Reason)));
        Assert.Contains("price", result.Rejections[1].Detail, StringComparison.Ordinal);
        var poison = JsonDocument.Parse((await _stores.Archive.GetAsync(result.RejectionsArchiveKey!))!.Content).RootElement;
        Assert.Equal(result.ArchiveKey, poison.GetProperty("batch").GetString());
        Assert.Equal(["not json", batch[2]], poison.GetProperty("rejections").EnumerateArray().Select(r => r.GetProperty("message").GetString()));
        var counters = metrics.Snapshot().For("ticks")!;
        Assert.Equal(2, counters.TicksAccepted);
        Assert.Equal(1, counters.TicksRejected[RejectReasons.Malformed]);
        Assert.Equal(1, counters.TicksRejected[RejectReasons.Invalid]);
        Assert.Equal(new Bar(T0, 100, 101, 100, 101, 2, 2), (await _stores.ReadBarsAsync("BTC-USD", Timeframe.OneMinute, T0, T0.AddHours(1))).Single());
    }

    [Fact]
    public async Task ARedeliveredBatch_CountsNothingTwice_AndIsArchivedOnce()
    {
        string[] batch = [Msg("BTC-USD", 100, 1, T0.AddSeconds(1), 1), Msg("BTC-USD", 102, 1, T0.AddSeconds(2), 2), Msg("BTC-USD", 101, 1, T0.AddSeconds(61), 3)];
        var first = await Processor().ProcessAsync(batch);
        var stored = await StoredAsync("BTC-USD");
        var again = await Processor().ProcessAsync(batch);

        Assert.Equal(first.ArchiveKey, again.ArchiveKey);
        Assert.Single(await ListArchiveAsync());
        Assert.Equal(0, again.Accepted);
        Assert.Equal(3, again.Count(RejectReasons.Duplicate));
        Assert.Equal(2, again.BarsWritten); // re-written from the stored state: a crash before the bar write is repaired
        Assert.Equal(stored, await StoredAsync("BTC-USD"));
        Assert.Equal(Reference(batch), stored);
    }

    [Fact]
    public async Task OverlappingBatches_CountEachTradeOnce()
    {
        var ticks = Enumerable.Range(0, 12).Select(i => Msg("SOL-USD", 20 + (i % 5), 1, T0.AddSeconds(i * 11), 100 + i)).ToArray();
        var p = Processor();
        await p.ProcessAsync(ticks[..7]);
        var second = await p.ProcessAsync(ticks[4..]);

        Assert.Equal(3, second.Count(RejectReasons.Duplicate));
        Assert.Equal([0, 1, 2], second.Rejections.Select(r => r.Index)); // ticks 4..6 again
        Assert.Equal(Reference(ticks), await StoredAsync("SOL-USD"));
    }

    [Fact]
    public async Task AnOutOfOrderTickWithinTheAllowedLateness_RevisesItsStoredBar_OpenAndCloseByTickTime()
    {
        var p = Processor();
        await p.ProcessAsync([Msg("BTC-USD", 100, 1, T0.AddSeconds(30), 1), Msg("BTC-USD", 104, 1, T0.AddSeconds(40), 2), Msg("BTC-USD", 103, 1, T0.AddSeconds(65), 3)]);
        Assert.Equal(new Bar(T0, 100, 104, 100, 104, 2, 2), (await StoredAsync("BTC-USD"))[("BTC-USD", T0)]);

        // 09:00:05 and 09:00:50 arrive after 09:01:05 but within 30 s of it: the 09:00 bar's open and close both change.
        var late = await p.ProcessAsync([Msg("BTC-USD", 98, 1, T0.AddSeconds(5), 4), Msg("BTC-USD", 99, 2, T0.AddSeconds(50), 5)]);

        Assert.Equal(2, late.Accepted);
        Assert.Equal(new Bar(T0, 98, 104, 98, 99, 5, 4), (await StoredAsync("BTC-USD"))[("BTC-USD", T0)]);
    }

    [Fact]
    public async Task ATickBeyondTheAllowedLateness_IsLate_AgainstTheStoredWatermark_AndLeavesTheBar()
    {
        var p = Processor();
        await p.ProcessAsync([Msg("BTC-USD", 100, 1, T0.AddSeconds(10), 1), Msg("BTC-USD", 101, 1, T0.AddSeconds(150), 2)]);
        var before = await StoredAsync("BTC-USD");
        var result = await p.ProcessAsync([Msg("BTC-USD", 90, 1, T0.AddSeconds(20), 3), Msg("ETH-USD", 5, 1, T0.AddSeconds(20), 4)]);

        Assert.Equal((RejectReasons.Late, 0), (result.Rejections.Single().Reason, result.Rejections.Single().Index));
        Assert.Equal(1, result.Accepted); // another symbol has its own watermark
        Assert.Equal(before, await StoredAsync("BTC-USD"));
    }

    [Fact]
    public async Task ACrashBetweenTheMergeStateAndTheBarWrite_IsRepairedByTheRedelivery()
    {
        string[] batch = [Msg("BTC-USD", 100, 1, T0.AddSeconds(1), 1), Msg("BTC-USD", 102, 1, T0.AddSeconds(2), 2)];
        var failing = new FailingBarStore(_stores.Bars);
        await Assert.ThrowsAsync<IOException>(() => Processor(bars: failing).ProcessAsync(batch));
        Assert.Empty(await _stores.ReadBarsAsync("BTC-USD", Timeframe.OneMinute, T0, T0.AddHours(1)));

        var redelivered = await Processor().ProcessAsync(batch);

        Assert.Equal((0, 2, 1), (redelivered.Accepted, redelivered.Count(RejectReasons.Duplicate), redelivered.BarsWritten));
        Assert.Equal(Reference(batch), await StoredAsync("BTC-USD"));
    }

    [Fact]
    public async Task AConcurrentConsumerOfTheSameTrades_LosesTheETagRace_AndReMergesWithoutDoubleCounting()
    {
        var ticks = Enumerable.Range(0, 6).Select(i => Msg("BTC-USD", 100 + i, 1, T0.AddSeconds(i * 5), i)).ToArray();
        var other = Processor();
        var racing = new RacingRecordStore(_stores.Records, () => other.ProcessAsync(ticks[2..]));
        var result = await Processor(records: racing).ProcessAsync(ticks[..4]);

        Assert.True(racing.Raced);
        Assert.Equal(2, result.Accepted);
        Assert.Equal([2, 3], result.Rejections.Where(r => r.Reason == RejectReasons.Duplicate).Select(r => r.Index));
        Assert.Equal(new Bar(T0, 100, 105, 100, 105, 6, 6), (await StoredAsync("BTC-USD"))[("BTC-USD", T0)]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task AnyBatchingWithRedeliveriesAndOverlaps_StoresTheBarsOfOneAggregatorOverTheDeliveredStream(int seed)
    {
        var random = new Random(seed);
        var stream = new List<string>();
        var time = T0;
        for (var i = 0; i < 400; i++)
        {
            time = time.AddMilliseconds(random.Next(200, 4000));
            var symbol = random.Next(3) switch { 0 => "BTC-USD", 1 => "ETH-USD", _ => "SOL-USD" };
            var jitter = random.NextDouble() < 0.15 ? -TimeSpan.FromSeconds(random.Next(1, 90)) : TimeSpan.Zero; // out of order, some beyond the lateness
            stream.Add(random.NextDouble() < 0.02 ? "{broken" : Msg(symbol, Math.Round(100 + random.NextDouble() * 10, 2), random.Next(1, 50) / 10m, time + jitter, i));
            if (random.NextDouble() < 0.05)
            {
                stream.Add(stream[random.Next(stream.Count)]); // a producer retry re-sends an earlier message
            }
        }

        // Deliveries: consecutive batches of random size, some re-delivered whole, some starting before the previous end.
        var delivered = new List<string>();
        var p = Processor();
        var accepted = 0;
        for (var start = 0; start < stream.Count;)
        {
            var end = Math.Min(stream.Count, start + random.Next(1, 40));
            var batch = stream[start..end].ToArray();
            var times = random.NextDouble() < 0.2 ? 2 : 1;
            for (var k = 0; k < times; k++)
            {
                var result = await p.ProcessAsync(batch);
                Assert.Equal(batch.Length, result.Accepted + result.Rejections.Count);
                accepted += result.Accepted;
                delivered.AddRange(batch);
            }

            var overlap = end < stream.Count && random.NextDouble() < 0.3 ? Math.Min(end - start, random.Next(1, 5)) : 0;
            start = end - overlap;
        }

        var (reference, counters) = Aggregate(delivered);
        Assert.Equal(counters.Accepted, accepted);
        Assert.Equal(reference, await StoredAsync("BTC-USD", "ETH-USD", "SOL-USD"));
    }

    private static Dictionary<(string, DateTime), Bar> Reference(IEnumerable<string> delivered) => Aggregate(delivered).Bars;

    /// <summary>The reference: one <see cref="TickAggregator"/> over every delivered message in delivery order.</summary>
    private static (Dictionary<(string, DateTime), Bar> Bars, TickAggregatorCounters Counters) Aggregate(IEnumerable<string> delivered)
    {
        var sink = new Collect();
        var aggregator = new TickAggregator(new TickAggregatorOptions { Timeframes = [Timeframe.OneMinute], AllowedLateness = Lateness }, sink);
        foreach (var message in delivered)
        {
            if (TickMessageFormat.TryParse(message, out var tick, out _, out _))
            {
                aggregator.Offer(tick);
            }
        }

        aggregator.Flush();
        return (sink.Bars, aggregator.Counters);
    }

    private async Task<Dictionary<(string, DateTime), Bar>> StoredAsync(params string[] symbols)
    {
        var result = new Dictionary<(string, DateTime), Bar>();
        foreach (var symbol in symbols)
        {
            foreach (var bar in await _stores.ReadBarsAsync(symbol, Timeframe.OneMinute, T0.AddDays(-1), T0.AddDays(1)))
            {
                result[(symbol, bar.OpenTime)] = bar;
            }
        }

        return result;
    }

    private async Task<List<RawArchiveEntry>> ListArchiveAsync()
    {
        var list = new List<RawArchiveEntry>();
        await foreach (var e in _stores.Archive.ListAsync("ticks", DateOnly.FromDateTime(T0)))
        {
            list.Add(e);
        }

        return list;
    }

    private sealed class Collect : IBarSink
    {
        public Dictionary<(string, DateTime), Bar> Bars { get; } = [];

        public void OnBarUpdated(in SymbolBar bar)
        {
        }

        public void OnBarClosed(in SymbolBar bar) => Bars[(bar.Symbol.Value, bar.Bar.OpenTime)] = bar.Bar;
    }

    private sealed class FailingBarStore(IBarStore inner) : IBarStore
    {
        public Task<int> UpsertAsync(Symbol symbol, Timeframe timeframe, IReadOnlyList<Bar> bars, BarProvenance provenance, CancellationToken cancellationToken = default) =>
            throw new IOException("the process died before the bar write");

        public Task<BarPage> ReadAsync(BarRangeQuery query, CancellationToken cancellationToken = default) => inner.ReadAsync(query, cancellationToken);

        public Task<DateTime?> HistoryStartAsync(Symbol symbol, Timeframe timeframe, CancellationToken cancellationToken = default) => inner.HistoryStartAsync(symbol, timeframe, cancellationToken);
    }

    /// <summary>Runs another consumer to completion just before this one's first merge-state write, so that write's ETag is stale.</summary>
    private sealed class RacingRecordStore(IRecordStore inner, Func<Task> race) : IRecordStore
    {
        public bool Raced { get; private set; }

        public async Task<RecordWriteResult<T>> CreateAsync<T>(RecordEnvelope<T> record, CancellationToken cancellationToken = default)
        {
            await RaceOnceAsync(record.Kind);
            return await inner.CreateAsync(record, cancellationToken);
        }

        public async Task<RecordEnvelope<T>> UpsertAsync<T>(RecordEnvelope<T> record, CancellationToken cancellationToken = default)
        {
            await RaceOnceAsync(record.Kind);
            return await inner.UpsertAsync(record, cancellationToken);
        }

        public Task<RecordEnvelope<T>?> GetAsync<T>(RecordKind kind, string partitionKey, string id, CancellationToken cancellationToken = default) =>
            inner.GetAsync<T>(kind, partitionKey, id, cancellationToken);

        public Task<RecordPage<T>> QueryAsync<T>(RecordKind kind, string partitionKey, RecordQuery query, CancellationToken cancellationToken = default) =>
            inner.QueryAsync<T>(kind, partitionKey, query, cancellationToken);

        public Task<bool> DeleteAsync(RecordKind kind, string partitionKey, string id, string? ifMatchETag = null, CancellationToken cancellationToken = default) =>
            inner.DeleteAsync(kind, partitionKey, id, ifMatchETag, cancellationToken);

        private async Task RaceOnceAsync(RecordKind kind)
        {
            if (!Raced && kind == TickStreamRecords.BarState)
            {
                Raced = true;
                await race();
            }
        }
    }
}
