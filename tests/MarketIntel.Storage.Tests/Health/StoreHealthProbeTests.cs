using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using MarketIntel.Storage.Embedded;
using MarketIntel.Storage.Tests.Embedded;
using Microsoft.Extensions.Time.Testing;

namespace MarketIntel.Storage.Tests.Health;

/// <summary><see cref="StoreHealthProbe"/> over the embedded stores: cached for its period, bounded by its timeout.</summary>
public sealed class StoreHealthProbeTests : IDisposable
{
    private readonly EmbeddedTestDirectory directory = new();
    private readonly EmbeddedRecordStore records;
    private readonly EmbeddedBarStore bars;

    public StoreHealthProbeTests()
    {
        var database = new EmbeddedDatabase(directory.Path);
        records = new EmbeddedRecordStore(database, TimeProvider.System);
        bars = new EmbeddedBarStore(database, TimeProvider.System);
    }

    [Fact]
    public async Task HealthyStores_ReportOkForEach()
    {
        var report = await new StoreHealthProbe(records, bars, TimeProvider.System).CheckAsync();

        Assert.Equal(StoreHealthProbe.Ok, report.Status);
        Assert.Equal(["records", "bars"], report.Stores.Select(s => s.Name));
        Assert.All(report.Stores, s => Assert.Null(s.Error));
    }

    [Fact]
    public async Task WithinTheCachePeriod_TheStoresAreNotReadAgain()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-03-02T15:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var counting = new HangingBarStore(bars, hang: false);
        var probe = new StoreHealthProbe(records, counting, time) { CacheFor = TimeSpan.FromSeconds(5) };

        var first = await probe.CheckAsync();
        time.Advance(TimeSpan.FromSeconds(4));
        var cached = await probe.CheckAsync();
        time.Advance(TimeSpan.FromSeconds(1));
        var fresh = await probe.CheckAsync();

        Assert.Same(first, cached);
        Assert.NotSame(first, fresh);
        Assert.Equal(2, counting.Reads);
    }

    [Fact]
    public async Task AStoreThatNeverAnswers_IsDegradedAfterTheTimeout_AndTheOthersStayOk()
    {
        // The hanging read ignores its cancellation token, as an SDK busy retrying might: the timeout must still hold.
        var probe = new StoreHealthProbe(records, new HangingBarStore(bars, hang: true), TimeProvider.System) { Timeout = TimeSpan.FromMilliseconds(300) };

        var report = await probe.CheckAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(StoreHealthProbe.Degraded, report.Status);
        Assert.Equal(StoreHealthProbe.Ok, report.Stores.Single(s => s.Name == "records").Status);
        var barsHealth = report.Stores.Single(s => s.Name == "bars");
        Assert.Equal(StoreHealthProbe.Degraded, barsHealth.Status);
        Assert.Contains("no answer within", barsHealth.Error, StringComparison.Ordinal);
        Assert.InRange(barsHealth.LatencyMs, 250, 5000);
    }

    public void Dispose() => directory.Dispose();

    /// <summary>Counts the reads of the inner store, or never answers them (ignoring the token) when <c>hang</c>.</summary>
    private sealed class HangingBarStore(IBarStore inner, bool hang) : IBarStore
    {
        private int reads;

        public int Reads => Volatile.Read(ref reads);

        public Task<int> UpsertAsync(Symbol symbol, Timeframe timeframe, IReadOnlyList<Bar> bars, BarProvenance provenance, CancellationToken cancellationToken = default) =>
            inner.UpsertAsync(symbol, timeframe, bars, provenance, cancellationToken);

        public Task<BarPage> ReadAsync(BarRangeQuery query, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref reads);
            return hang ? new TaskCompletionSource<BarPage>().Task : inner.ReadAsync(query, cancellationToken);
        }

        public Task<DateTime?> HistoryStartAsync(Symbol symbol, Timeframe timeframe, CancellationToken cancellationToken = default) =>
            inner.HistoryStartAsync(symbol, timeframe, cancellationToken);
    }
}
