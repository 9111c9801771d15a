using MarketIntel.Api;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace MarketIntel.Host.Tests;

/// <summary>The cache's own rules: served while the symbol's version holds, never past a write during the read, bounded in bytes.</summary>
public sealed class BarsResponseCacheTests
{
    private static readonly DateTime T0 = new(2024, 3, 9, 0, 0, 0, DateTimeKind.Utc);

    private static BarsResponse Response(string symbol, int bars) =>
        new(symbol, "1m", T0, T0.AddMinutes(bars), [.. Enumerable.Range(0, bars).Select(i => new BarDto(T0.AddMinutes(i), 100, 101, 99, 100.5, 1.5m, 3))], null);

    private static BarsCacheKey Key(string symbol, int minutes = 500) => new(symbol, 1, T0, T0.AddMinutes(minutes), minutes, null);

    private static BarsResponseCache Cache(BarSeriesVersions versions, int megabytes = 64) =>
        new(versions, Options.Create(new JsonOptions()), new ApiOptions { BarsCacheMegabytes = megabytes });

    [Fact]
    public async Task AnEntry_IsServedUntilItsSymbolIsWritten_OtherSymbolsKeepTheirs()
    {
        var versions = new BarSeriesVersions();
        using var cache = Cache(versions);
        var reads = 0;
        Task<BarsResponse> Read(string symbol) { reads++; return Task.FromResult(Response(symbol, 10)); }

        await cache.GetOrCreateAsync(Key("AAA"), _ => Read("AAA"), default);
        await cache.GetOrCreateAsync(Key("BBB"), _ => Read("BBB"), default);
        await cache.GetOrCreateAsync(Key("AAA"), _ => Read("AAA"), default);
        Assert.Equal(2, reads);

        versions.Advance(new Symbol("AAA"));
        await cache.GetOrCreateAsync(Key("AAA"), _ => Read("AAA"), default);
        await cache.GetOrCreateAsync(Key("BBB"), _ => Read("BBB"), default);
        Assert.Equal(3, reads);
    }

    [Fact]
    public async Task AWriteDuringTheRead_LeavesWhatWasReadOutdated()
    {
        var versions = new BarSeriesVersions();
        using var cache = Cache(versions);
        var reads = 0;

        // The write lands while the first read is under way: what that read saw may predate it.
        await cache.GetOrCreateAsync(Key("AAA"), _ => { reads++; versions.Advance(new Symbol("AAA")); return Task.FromResult(Response("AAA", 10)); }, default);
        await cache.GetOrCreateAsync(Key("AAA"), _ => { reads++; return Task.FromResult(Response("AAA", 11)); }, default);
        var third = await cache.GetOrCreateAsync(Key("AAA"), _ => { reads++; return Task.FromResult(Response("AAA", 12)); }, default);
        Assert.Equal(2, reads);
        Assert.Equal(SerializedJson.Create(Response("AAA", 11), new JsonOptions().SerializerOptions).ETag, third.ETag);
    }

    [Fact]
    public async Task TheVersionedStore_AdvancesTheVersionOnEveryWrite_EvenOneThatFails()
    {
        var versions = new BarSeriesVersions();
        var symbol = new Symbol("AAA");
        var store = new VersionedBarStore(new FailingSecondWriteStore(), versions);
        await store.UpsertAsync(symbol, Timeframe.OneMinute, [], new BarProvenance("t", "1"));
        Assert.Equal(1, versions.Current(symbol));
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.UpsertAsync(symbol, Timeframe.OneMinute, [], new BarProvenance("t", "1")));
        Assert.Equal(2, versions.Current(symbol));
        Assert.Equal(0, versions.Current(new Symbol("BBB")));
    }

    [Fact]
    public async Task TheVersionedStore_PassesABatchWriteToItsStoresBatch_AndAdvancesEverySymbolOfIt()
    {
        var versions = new BarSeriesVersions();
        var inner = new BatchOnlyStore();
        IBarStore port = new VersionedBarStore(inner, versions);
        Assert.Equal(0, await port.UpsertManyAsync(Timeframe.OneMinute, [(new Symbol("AAA"), []), (new Symbol("BBB"), [])], new BarProvenance("t", "1")));
        Assert.Equal(1, inner.Batches);
        Assert.Equal(1, versions.Current(new Symbol("AAA")));
        Assert.Equal(1, versions.Current(new Symbol("BBB")));
        Assert.Equal(0, versions.Current(new Symbol("CCC")));
    }

    [Fact]
    public async Task Memory_StaysWithinTheConfiguredSize()
    {
        using var cache = Cache(new BarSeriesVersions(), megabytes: 1);
        var size = SerializedJson.Create(Response("AAA", 500), new JsonOptions().SerializerOptions).Utf8.Length;
        for (var i = 0; i < 200; i++)
        {
            await cache.GetOrCreateAsync(Key("AAA") with { Limit = i + 1 }, _ => Task.FromResult(Response("AAA", 500)), default);
        }

        Assert.InRange(cache.Count, 1, 1_048_576 / size);
    }

    [Fact]
    public async Task SwitchedOff_ItReadsEveryTime_AndStillTagsTheContent()
    {
        using var cache = Cache(new BarSeriesVersions(), megabytes: 0);
        var reads = 0;
        var first = await cache.GetOrCreateAsync(Key("AAA"), _ => { reads++; return Task.FromResult(Response("AAA", 5)); }, default);
        var second = await cache.GetOrCreateAsync(Key("AAA"), _ => { reads++; return Task.FromResult(Response("AAA", 5)); }, default);
        Assert.Equal((2, 0, false), (reads, cache.Count, cache.Enabled));
        Assert.Equal(first.ETag, second.ETag);
    }

    private sealed class FailingSecondWriteStore : IBarStore
    {
        private int _writes;

        public Task<int> UpsertAsync(Symbol symbol, Timeframe timeframe, IReadOnlyList<Bar> bars, BarProvenance provenance, CancellationToken cancellationToken = default) =>
            ++_writes == 2 ? throw new InvalidOperationException("the store failed part way") : Task.FromResult(bars.Count);

        public Task<BarPage> ReadAsync(BarRangeQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<DateTime?> HistoryStartAsync(Symbol symbol, Timeframe timeframe, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }

    /// <summary>A store whose only write is the batch one, so a batch that fell back to single writes would throw.</summary>
    private sealed class BatchOnlyStore : IBarStore
    {
        public int Batches { get; private set; }

        public Task<int> UpsertAsync(Symbol symbol, Timeframe timeframe, IReadOnlyList<Bar> bars, BarProvenance provenance, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException("single writes are not expected");

        public Task<int> UpsertManyAsync(Timeframe timeframe, IReadOnlyList<(Symbol Symbol, IReadOnlyList<Bar> Bars)> series, BarProvenance provenance, CancellationToken cancellationToken = default)
        {
            Batches++;
            return Task.FromResult(series.Sum(s => s.Bars.Count));
        }

        public Task<BarPage> ReadAsync(BarRangeQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<DateTime?> HistoryStartAsync(Symbol symbol, Timeframe timeframe, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
