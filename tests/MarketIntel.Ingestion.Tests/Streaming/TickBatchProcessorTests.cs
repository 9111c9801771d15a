using System.Globalization;
using System.Text.Json;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using MarketIntel.Ingestion.Metrics;
using MarketIntel.Ingestion.Providers;
using MarketIntel.Ingestion.Streaming;
using MarketIntel.Storage.Cosmos;

namespace MarketIntel.Ingestion.Tests.Streaming;

public sealed class TickBatchProcessorTests : IDisposable
{
    private static readonly DateTime T0 = new(2024, 3, 4, 9, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Lateness = TimeSpan.FromSeconds(30);
    private readonly TestStores _stores = new();

    public void Dispose() => _stores.Dispose();

    private TickBatchProcessor Processor(IBarStore? bars = null, IRecordStore? records = null, IngestionMetrics? metrics = null, TickBatchOptions? options = null) =>
        new(_stores.Archive, bars ?? _stores.Bars, records ?? _stores.Records, TimeProvider.System, options ?? new TickBatchOptions { AllowedLateness = Lateness }, metrics);

    private static string Msg(string symbol, double price, decimal size, DateTime time, long id) =>
        JsonSerializer.Serialize(new { symbol, price, size, time = time.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture), tradeId = id });

    private static string TextMsg(string symbol, double price, DateTime time, string id) =>
        JsonSerializer.Serialize(new { symbol, price, size = 1, time = time.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture), tradeId = id });

    [Fact]
    public void StatesExpire_InACatalogedKind_WhoseCosmosContainerIsSetUpToExpireItems()
    {
        // Each state carries its retention as a ttl; Cosmos DB ignores an item's ttl unless its container enables TTL, and
        // the adapter (and Bicep, checked by the infrastructure tests) enable it for the kinds in the catalog that expire.
        // The states' kind was once declared outside the catalog without a time to live: in Azure they never expired.
        Assert.Contains(TickStreamRecords.BarState, RecordKinds.All);
        Assert.Contains(TickStreamRecords.Watermark, RecordKinds.All);
        Assert.NotNull(TickStreamRecords.BarState.TimeToLive);
        Assert.Contains(TickStreamRecords.BarState.Container, CosmosStorage.ContainersWithTimeToLive);
    }

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
    public async Task TheStoredWatermark_IsWrittenOncePerBar_AndAFreshConsumerDecidesFromItAtMostOneBarBehind()
    {
        var p = Processor();
        await p.ProcessAsync([Msg("BTC-USD", 100, 1, T0.AddSeconds(1), 1)]);
        await p.ProcessAsync([Msg("BTC-USD", 101, 1, T0.AddSeconds(50), 2)]);
        Assert.Equal(T0.AddSeconds(1), await StoredWatermarkAsync("BTC-USD")); // same bar: kept in memory only

        // The processor judges by the newest tick it accepted (50 s: a tick of the previous minute is late); a consumer that
        // starts afresh judges by the stored one (1 s), one bar behind, and takes it. Both count it at most once.
        var late = Msg("BTC-USD", 99, 1, T0.AddSeconds(-30), 3);
        Assert.Equal(RejectReasons.Late, (await p.ProcessAsync([late])).Rejections.Single().Reason);
        Assert.Equal(1, (await Processor().ProcessAsync([late])).Accepted);

        await p.ProcessAsync([Msg("BTC-USD", 102, 1, T0.AddSeconds(70), 4)]);
        Assert.Equal(T0.AddSeconds(70), await StoredWatermarkAsync("BTC-USD")); // a later bar: written
    }

    [Fact]
    public async Task WithoutTheStateCache_EveryAdvanceOfTheWatermarkIsStored()
    {
        var p = Processor(options: new TickBatchOptions { AllowedLateness = Lateness, StateCacheCapacity = 0 });
        await p.ProcessAsync([Msg("BTC-USD", 100, 1, T0.AddSeconds(1), 1)]);
        await p.ProcessAsync([Msg("BTC-USD", 101, 1, T0.AddSeconds(50), 2)]);
        Assert.Equal(T0.AddSeconds(50), await StoredWatermarkAsync("BTC-USD"));
    }

    private async Task<DateTime?> StoredWatermarkAsync(string symbol) =>
        (await _stores.Records.GetAsync<DateTime>(TickStreamRecords.Watermark, "ticks", symbol))?.Payload;

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

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task AMillionTicksIntoOneBar_KeepItsStateRecordSmall_AndARedeliveryAddsNothing(int idStep)
    {
        // idStep 1: a venue's consecutive ids (one range); 3: one sequence shared by three symbols (gaps absorbed at the limit).
        const int Ticks = 1_000_000;
        const int BatchSize = 50_000;
        var p = Processor();
        var start = T0.Ticks;
        string Tick(int i) => string.Create(CultureInfo.InvariantCulture,
            $$"""{"symbol":"BTC-USD","price":{{100 + (i % 97)}},"size":1,"time":{{(start - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond + (i / 20_000)}},"tradeId":{{5_000_000_000L + ((long)i * idStep)}}}""");
        string[] Batch(int b) => Enumerable.Range(b * BatchSize, BatchSize).Select(Tick).ToArray();
        var accepted = 0;
        for (var b = 0; b < Ticks / BatchSize; b++)
        {
            accepted += (await p.ProcessAsync(Batch(b))).Accepted;
        }

        var again = await p.ProcessAsync(Batch(7));

        Assert.Equal(Ticks, accepted);
        Assert.Equal((0, BatchSize), (again.Accepted, again.Count(RejectReasons.Duplicate)));
        var bar = (await StoredAsync("BTC-USD"))[("BTC-USD", T0)];
        Assert.Equal((Ticks, (decimal)Ticks, 196.0, 100.0), (bar.Trades, bar.Volume, bar.High, bar.Low));
        var record = await _stores.Records.GetAsync<JsonElement>(TickStreamRecords.BarState, TickStreamRecords.BarPartition("ticks", new Symbol("BTC-USD"), Timeframe.OneMinute), TickStreamRecords.BarId(T0));
        var size = JsonSerializer.SerializeToUtf8Bytes(record!.Payload).Length;
        var ranges = record.Payload.GetProperty("idRanges").GetArrayLength() / 2;
        if (idStep == 1)
        {
            Assert.Equal(1, ranges);
            Assert.True(size < 400, $"state payload is {size} bytes");
        }
        else
        {
            Assert.InRange(ranges, 2, new TickBatchOptions().MaxIdRangesPerBar);
            Assert.True(size < 50_000, $"state payload is {size} bytes");
        }
    }

    [Fact]
    public async Task MissedTradesDeliveredLater_FillTheirGap_ThenRedeliveriesAndOverlapsAddNothing_AndTheIdsStayOneRange()
    {
        var ticks = Enumerable.Range(0, 60).Select(i => Msg("ETH-USD", 10 + (i % 7), 1, T0.AddSeconds(i * 0.5), 7_000 + i)).ToArray();
        var p = Processor();
        await p.ProcessAsync([.. ticks[..20], .. ticks[30..]]); // ids 7020..7029 missed (a dropped connection)
        Assert.Equal(new long[] { 7_000, 7_019, 7_030, 7_059 }, await IdRangesAsync("ETH-USD", T0));

        var repair = await p.ProcessAsync(ticks[15..35]); // the repair overlaps both sides of the gap
        var redelivered = await p.ProcessAsync(ticks);

        Assert.Equal((10, 10), (repair.Accepted, repair.Count(RejectReasons.Duplicate)));
        Assert.Equal((0, 60), (redelivered.Accepted, redelivered.Count(RejectReasons.Duplicate)));
        Assert.Equal(new long[] { 7_000, 7_059 }, await IdRangesAsync("ETH-USD", T0));
        Assert.Equal(Reference(ticks), await StoredAsync("ETH-USD"));
    }

    [Fact]
    public async Task TextTradeIds_AreRecognisedWhenRedelivered_UpToTheLimit_ThenRefusedAsOverflow()
    {
        var options = new TickBatchOptions { AllowedLateness = Lateness, MaxTextIdsPerBar = 3 };
        string[] batch = [.. Enumerable.Range(0, 5).Select(i => TextMsg("SOL-USD", 20 + i, T0.AddSeconds(i), "trade-" + i.ToString(CultureInfo.InvariantCulture))), Msg("SOL-USD", 30, 1, T0.AddSeconds(9), 42)];
        var first = await Processor(options: options).ProcessAsync(batch);
        var again = await Processor(options: options).ProcessAsync(batch);

        Assert.Equal(4, first.Accepted); // three text ids and the numeric one
        Assert.Equal([3, 4], first.Rejections.Where(r => r.Reason == RejectReasons.Overflow).Select(r => r.Index));
        Assert.Equal((0, 4, 2), (again.Accepted, again.Count(RejectReasons.Duplicate), again.Count(RejectReasons.Overflow)));
        Assert.Equal(new Bar(T0, 20, 30, 20, 30, 4, 4), (await StoredAsync("SOL-USD"))[("SOL-USD", T0)]);
    }

    [Fact]
    public async Task AStateWrittenWithTheFormerIdList_IsRead_AndRewrittenCompactly()
    {
        var ticks = Enumerable.Range(0, 4).Select(i => Msg("BTC-USD", 100 + i, 1, T0.AddSeconds(i), 10 + i)).ToArray();
        var partition = TickStreamRecords.BarPartition("ticks", new Symbol("BTC-USD"), Timeframe.OneMinute);
        var legacy = JsonSerializer.SerializeToElement(new
        {
            openTime = T0, open = 100.0, openTickTime = T0, high = 101.0, low = 100.0, close = 101.0, closeTickTime = T0.AddSeconds(1),
            volume = 2m, trades = 2, tradeIds = new[] { "10", "11" },
        });
        await _stores.Records.CreateAsync(new RecordEnvelope<JsonElement>(TickStreamRecords.BarId(T0), partition, TickStreamRecords.BarState, DateTimeOffset.UtcNow,
            JsonSerializer.SerializeToElement(new { }), "0.0.1", "active", legacy) { TimeToLive = TimeSpan.FromDays(2) });

        var result = await Processor().ProcessAsync(ticks);

        Assert.Equal([0, 1], result.Rejections.Where(r => r.Reason == RejectReasons.Duplicate).Select(r => r.Index));
        Assert.Equal(Reference(ticks), await StoredAsync("BTC-USD"));
        var stored = (await _stores.Records.GetAsync<JsonElement>(TickStreamRecords.BarState, partition, TickStreamRecords.BarId(T0)))!.Payload;
        Assert.False(stored.TryGetProperty("tradeIds", out _));
        Assert.Equal(new long[] { 10, 13 }, await IdRangesAsync("BTC-USD", T0));
    }

    [Fact]
    public async Task ABatch_ReadsEachStateAndWatermarkOnce_AndWritesEachOnce()
    {
        var random = new Random(5);
        var symbols = Enumerable.Range(0, 20).Select(i => "S" + i.ToString("D2", CultureInfo.InvariantCulture) + "-USD").ToArray();
        var batch = Enumerable.Range(0, 1_000).Select(i => Msg(symbols[random.Next(symbols.Length)], 100, 1, T0.AddMilliseconds(i * 150), i)).ToArray();
        await Processor().ProcessAsync(batch[..500]);
        var counting = new CountingRecordStore(_stores.Records);

        await Processor(records: counting).ProcessAsync(batch[400..]);

        var touchedBars = batch[400..].Select(BarKey).Distinct().Count();
        Assert.Equal(touchedBars + symbols.Length, counting.Reads.Count);
        Assert.All(counting.Reads.GroupBy(r => r), g => Assert.Single(g));
        Assert.Equal(touchedBars + symbols.Length, counting.Writes.Count);
        Assert.All(counting.Writes.GroupBy(r => r), g => Assert.Single(g));
    }

    [Fact]
    public async Task TheNextBatch_ReadsOnlyTheStatesAndWatermarksThisProcessorHasNotWritten()
    {
        var random = new Random(5);
        var symbols = Enumerable.Range(0, 20).Select(i => "S" + i.ToString("D2", CultureInfo.InvariantCulture) + "-USD").ToArray();
        var batch = Enumerable.Range(0, 1_000).Select(i => Msg(symbols[random.Next(symbols.Length)], 100, 1, T0.AddMilliseconds(i * 150), i)).ToArray();
        var counting = new CountingRecordStore(_stores.Records);
        var p = Processor(records: counting);
        await p.ProcessAsync(batch[..500]);
        counting.Reads.Clear();
        counting.Writes.Clear();

        var result = await p.ProcessAsync(batch[400..]);

        var first = batch[..500].Select(BarKey).ToHashSet();
        var touched = batch[400..].Select(BarKey).Distinct().ToList();
        Assert.Equal(touched.Count(k => !first.Contains(k)), counting.Reads.Count);
        Assert.Equal(touched.Count + symbols.Length, counting.Writes.Count);
        Assert.Equal((500, 100), (result.Accepted, result.Count(RejectReasons.Duplicate)));
        Assert.Equal(Reference(batch), await StoredAsync(symbols));
    }

    [Fact]
    public async Task AStaleCache_NeitherCountsATradeTwiceNorRewindsABarAnotherConsumerMovedOn()
    {
        var ticks = Enumerable.Range(0, 6).Select(i => Msg("BTC-USD", 100 + i, 1, T0.AddSeconds(i * 5), i)).ToArray();
        var first = Processor();
        var other = Processor();
        await first.ProcessAsync(ticks[..2]);
        await other.ProcessAsync(ticks[2..4]); // first's cached state of the bar is now behind the store

        var redelivered = await first.ProcessAsync(ticks[..2]);
        Assert.Equal((0, 2, 0), (redelivered.Accepted, redelivered.Count(RejectReasons.Duplicate), redelivered.BarsWritten));
        Assert.Equal(Reference(ticks[..4]), await StoredAsync("BTC-USD"));

        var overlapping = await first.ProcessAsync(ticks[2..]); // 2 and 3 look new to first's cache: the ETag says otherwise
        Assert.Equal((2, 2), (overlapping.Accepted, overlapping.Count(RejectReasons.Duplicate)));
        Assert.Equal(Reference(ticks), await StoredAsync("BTC-USD"));
    }

    [Fact]
    public async Task ABarWriteThatFails_IsRepairedByTheRedeliveryToTheSameProcessor()
    {
        string[] batch = [Msg("BTC-USD", 100, 1, T0.AddSeconds(1), 1), Msg("BTC-USD", 102, 1, T0.AddSeconds(2), 2)];
        var failing = new FailingBarStore(_stores.Bars) { Fail = false };
        var p = Processor(bars: failing);
        await p.ProcessAsync([Msg("BTC-USD", 99, 1, T0, 0)]);
        failing.Fail = true;
        await Assert.ThrowsAsync<IOException>(() => p.ProcessAsync(batch));
        failing.Fail = false;

        var redelivered = await p.ProcessAsync(batch);

        Assert.Equal((0, 2, 1), (redelivered.Accepted, redelivered.Count(RejectReasons.Duplicate), redelivered.BarsWritten));
        Assert.Equal(Reference([Msg("BTC-USD", 99, 1, T0, 0), .. batch]), await StoredAsync("BTC-USD"));
    }

    private static (string, DateTime) BarKey(string message)
    {
        var e = JsonDocument.Parse(message).RootElement;
        return (e.GetProperty("symbol").GetString()!, Timeframe.OneMinute.BucketStart(e.GetProperty("time").GetDateTime()));
    }

    private async Task<long[]> IdRangesAsync(string symbol, DateTime openTime)
    {
        var state = await _stores.Records.GetAsync<TickBarState>(TickStreamRecords.BarState, TickStreamRecords.BarPartition("ticks", new Symbol(symbol), Timeframe.OneMinute), TickStreamRecords.BarId(openTime));
        return [.. state!.Payload.IdRanges!];
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

    [Fact]
    public async Task ACrashAfterTheArchiveWrite_BeforeAnyStateOrBar_LosesNothing_AndTheRetryArchivesNothingTwice()
    {
        string[] batch = [Msg("BTC-USD", 100, 1, T0.AddSeconds(1), 1), Msg("ETH-USD", 10, 2, T0.AddSeconds(2), 2), Msg("BTC-USD", 101, 1, T0.AddSeconds(61), 3), "not json"];
        using var crash = new CancellationTokenSource();
        var dying = new TickBatchProcessor(new CrashAfterArchive(_stores.Archive, crash), _stores.Bars, _stores.Records, TimeProvider.System, new TickBatchOptions { AllowedLateness = Lateness });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dying.ProcessAsync(batch, crash.Token));
        Assert.Empty(await StoredAsync("BTC-USD", "ETH-USD"));

        // The trigger retries the batch in a new process: a new archive instance over the same folder.
        using var restarted = new MarketIntel.Storage.Embedded.FileRawArchive(_stores.Archive.RootPath);
        var retry = await new TickBatchProcessor(restarted, _stores.Bars, _stores.Records, TimeProvider.System, new TickBatchOptions { AllowedLateness = Lateness }).ProcessAsync(batch);

        Assert.Equal(3, retry.Accepted);
        Assert.Equal(Reference(batch), await StoredAsync("BTC-USD", "ETH-USD"));
        Assert.Equal(2, (await ListArchiveAsync()).Count); // the batch and its rejected message, each once
        Assert.Equal(batch, JsonSerializer.Deserialize<string[]>((await restarted.GetAsync(retry.ArchiveKey))!.Content.Span));
    }

    /// <summary>Archives, then "kills the process": the token is cancelled, so the next storage call of the batch throws.</summary>
    private sealed class CrashAfterArchive(IRawArchive inner, CancellationTokenSource crash) : IRawArchive
    {
        public async Task<RawArchiveEntry> AppendAsync(RawPayload payload, CancellationToken cancellationToken = default)
        {
            var entry = await inner.AppendAsync(payload, cancellationToken);
            await crash.CancelAsync();
            return entry;
        }

        public async Task<RawArchiveEntry> PutAsync(RawPayload payload, CancellationToken cancellationToken = default)
        {
            var entry = await inner.PutAsync(payload, cancellationToken);
            await crash.CancelAsync();
            return entry;
        }

        public Task<RawArchiveItem?> GetAsync(string key, CancellationToken cancellationToken = default) => inner.GetAsync(key, cancellationToken);

        public IAsyncEnumerable<RawArchiveEntry> ListAsync(string provider, DateOnly day, CancellationToken cancellationToken = default) => inner.ListAsync(provider, day, cancellationToken);

        public Task<int> DeleteDayAsync(string provider, DateOnly day, CancellationToken cancellationToken = default) => inner.DeleteDayAsync(provider, day, cancellationToken);
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
        public bool Fail { get; set; } = true;

        public Task<int> UpsertAsync(Symbol symbol, Timeframe timeframe, IReadOnlyList<Bar> bars, BarProvenance provenance, CancellationToken cancellationToken = default) =>
            Fail ? throw new IOException("the process died before the bar write") : inner.UpsertAsync(symbol, timeframe, bars, provenance, cancellationToken);

        public Task<BarPage> ReadAsync(BarRangeQuery query, CancellationToken cancellationToken = default) => inner.ReadAsync(query, cancellationToken);

        public Task<DateTime?> HistoryStartAsync(Symbol symbol, Timeframe timeframe, CancellationToken cancellationToken = default) => inner.HistoryStartAsync(symbol, timeframe, cancellationToken);
    }

    /// <summary>Counts point reads and writes per record (through the ports' default batch methods, which use them).</summary>
    private sealed class CountingRecordStore(IRecordStore inner) : IRecordStore
    {
        public List<(string Kind, string Partition, string Id)> Reads { get; } = [];

        public List<(string Kind, string Partition, string Id)> Writes { get; } = [];

        public Task<RecordWriteResult<T>> CreateAsync<T>(RecordEnvelope<T> record, CancellationToken cancellationToken = default)
        {
            lock (Writes)
            {
                Writes.Add((record.Kind.Name, record.PartitionKey, record.Id));
            }

            return inner.CreateAsync(record, cancellationToken);
        }

        public Task<RecordEnvelope<T>> UpsertAsync<T>(RecordEnvelope<T> record, CancellationToken cancellationToken = default)
        {
            lock (Writes)
            {
                Writes.Add((record.Kind.Name, record.PartitionKey, record.Id));
            }

            return inner.UpsertAsync(record, cancellationToken);
        }

        public Task<RecordEnvelope<T>?> GetAsync<T>(RecordKind kind, string partitionKey, string id, CancellationToken cancellationToken = default)
        {
            lock (Reads)
            {
                Reads.Add((kind.Name, partitionKey, id));
            }

            return inner.GetAsync<T>(kind, partitionKey, id, cancellationToken);
        }

        public Task<RecordPage<T>> QueryAsync<T>(RecordKind kind, string partitionKey, RecordQuery query, CancellationToken cancellationToken = default) =>
            inner.QueryAsync<T>(kind, partitionKey, query, cancellationToken);

        public Task<bool> DeleteAsync(RecordKind kind, string partitionKey, string id, string? ifMatchETag = null, CancellationToken cancellationToken = default) =>
            inner.DeleteAsync(kind, partitionKey, id, ifMatchETag, cancellationToken);
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
