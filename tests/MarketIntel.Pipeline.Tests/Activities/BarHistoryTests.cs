using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using MarketIntel.Pipeline.ReadModels;
using MarketIntel.Storage.Embedded;

namespace MarketIntel.Pipeline.Tests.Activities;

/// <summary>
/// The last-N-bars read against a brute-force filter of everything stored, and what it costs: the number of store
/// calls it makes on short histories, gaps and empty series (each call is a query, and in Cosmos each storage period
/// a read walks is one more).
/// </summary>
public sealed class BarHistoryTests : IDisposable
{
    private static readonly DateTime Until = new(2026, 11, 21, 6, 0, 0, DateTimeKind.Utc);
    private static readonly Symbol Symbol = new("TEST");
    private readonly string _data = Directory.CreateTempSubdirectory("marketintel-history-").FullName;
    private readonly EmbeddedBarStore _embedded;
    private readonly CountingBarStore _store;

    public BarHistoryTests()
    {
        _embedded = new EmbeddedBarStore(new EmbeddedDatabase(_data), TimeProvider.System);
        _store = new CountingBarStore(_embedded);
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);

    public static TheoryData<string, int> Shapes => new()
    {
        { "continuous", 100 },
        { "continuous", 5000 },
        { "short-history", 1500 },
        { "weekday-sessions", 1500 },
        { "old-block-then-gap", 1000 },
        { "old-block-then-gap", 50 },
        { "sparse-years", 400 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task ReadLast_EqualsTheLastBarsOfABruteForceFilter(string shape, int count)
    {
        var all = await SeedAsync(shape);

        var read = await BarHistory.ReadLastAsync(_store, Symbol, Timeframe.OneMinute, count, Until);

        var expected = all.Where(b => b.OpenTime < Until).OrderBy(b => b.OpenTime).TakeLast(count).ToList();
        Assert.Equal(expected, read);
    }

    [Fact]
    public async Task ReadLast_OfAShortHistory_StopsAtItsStart_InsteadOfWideningToTheMaximumLookback()
    {
        // An equity's last two sessions (Thursday and Friday, 390 bars each; Until is Saturday 06:00), 1500 asked for:
        // the first window (37.5 h) holds 660, the history starts at Thursday's open, so the second window ends there.
        var all = await SeedAsync("short-history");

        var read = await BarHistory.ReadLastAsync(_store, Symbol, Timeframe.OneMinute, 1500, Until);

        Assert.Equal(780, all.Count);
        Assert.Equal(all, read);
        Assert.Equal(1, _store.HistoryStarts);
        Assert.Equal(2, _store.Windows.Count);
        Assert.Equal(new DateTime(2026, 11, 19, 14, 30, 0, DateTimeKind.Utc), _store.Windows[^1].From);
    }

    [Fact]
    public async Task ReadLast_WhoseFirstWindowReachesTheHistoryStart_ReadsNothingMore()
    {
        var all = await SeedAsync("short-history");

        var read = await BarHistory.ReadLastAsync(_store, Symbol, Timeframe.OneMinute, 10_000, Until);

        // The first window (250 h) reaches back past the history's start: nothing older exists to look for.
        Assert.Equal(all, read);
        Assert.Equal(1, _store.HistoryStarts);
        Assert.Single(_store.Windows);
    }

    [Fact]
    public async Task ReadLast_OfAnEmptySeries_ReadsOneWindowAndAsksForTheHistoryOnce()
    {
        var read = await BarHistory.ReadLastAsync(_store, Symbol, Timeframe.OneMinute, 500, Until);

        Assert.Empty(read);
        Assert.Single(_store.Windows);
        Assert.Equal(1, _store.HistoryStarts);
    }

    [Fact]
    public async Task ReadLast_AcrossAGap_DoublesTheWindowUntilItHasEnough_NotStraightToTheHistoryStart()
    {
        // Forty days of history, then a 20-day gap: the read must reach across the gap without reading the whole history.
        var old = Generate(Until.AddDays(-60), Until.AddDays(-20));
        await _store.UpsertAsync(Symbol, Timeframe.OneMinute, old, new BarProvenance("test", "1"));

        var read = await BarHistory.ReadLastAsync(_store, Symbol, Timeframe.OneMinute, 1000, Until);

        Assert.Equal(old.TakeLast(1000), read);
        Assert.All(_store.Windows, w => Assert.True(w.From >= Until.AddDays(-45), $"a window from {w.From:O} reads far more history than needed"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ReadLastOfManySymbols_TakesTheStoredTimeframeWhereItIsRecent_AndResamplesTheIngestedOneElsewhere(bool nativeStore)
    {
        // The embedded store answers "the newest bars" itself; the counting wrapper gets the port's default (windows).
        IBarStore store = nativeStore ? _embedded : _store;
        var daily = Timeframe.OneDay;
        var provenance = new BarProvenance("test", "1");
        var (stored, minutes, stale, unknown) = (new Symbol("DAILY"), new Symbol("MINUTES"), new Symbol("STALE"), new Symbol("NONE"));
        var storedDaily = Generate(Until.Date.AddDays(-40), Until, TimeSpan.FromDays(1));
        await store.UpsertAsync(stored, daily, storedDaily, provenance);
        var minuteBars = Generate(Until.AddDays(-3), Until);
        await store.UpsertAsync(minutes, Timeframe.OneMinute, minuteBars, provenance);
        // Daily bars that end 21 days ago: older than three times the 5 bars asked for, so its minutes are resampled.
        await store.UpsertAsync(stale, daily, Generate(Until.Date.AddDays(-100), Until.Date.AddDays(-20), TimeSpan.FromDays(1)), provenance);
        var staleMinutes = Generate(Until.AddDays(-2), Until);
        await store.UpsertAsync(stale, Timeframe.OneMinute, staleMinutes, provenance);

        var read = await BarHistory.ReadLastAsync(store, [stored, minutes, stale, unknown], daily, Timeframe.OneMinute, 5, Until);

        Assert.Equal(storedDaily.TakeLast(5), read[0]);
        Assert.Equal(ResampledWithoutPartialFirst(minuteBars), read[1]);
        Assert.Equal(3, read[1].Count);
        Assert.Equal(ResampledWithoutPartialFirst(staleMinutes), read[2]);
        Assert.Empty(read[3]);
        Assert.Equal(read[2], await BarHistory.ReadLastAsync(store, stale, daily, Timeframe.OneMinute, 5, Until));
    }

    /// <summary>Daily bars from minute bars: the first day lost its first minutes to the start, the last may be forming.</summary>
    private static List<Bar> ResampledWithoutPartialFirst(List<Bar> minutes)
    {
        var days = BarResampler.Resample(minutes, Timeframe.OneDay, Timeframe.OneMinute);
        Assert.True(days[0].OpenTime < minutes[0].OpenTime);
        return days[1..];
    }

    private async Task<List<Bar>> SeedAsync(string shape)
    {
        var bars = shape switch
        {
            "continuous" => Generate(Until.AddDays(-10), Until.AddMinutes(30)),
            "short-history" => Sessions(Generate(Until.AddDays(-2), Until)),
            "weekday-sessions" => Sessions(Generate(Until.AddDays(-30), Until)),
            "old-block-then-gap" => Generate(Until.AddDays(-200), Until.AddDays(-199.5)),
            "sparse-years" => Enumerable.Range(0, 12).SelectMany(i => Generate(Until.AddDays(-3000 + (i * 240)), Until.AddDays(-3000 + (i * 240)).AddMinutes(50))).ToList(),
            _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, "unknown shape"),
        };
        if (bars.Count > 0)
        {
            await _store.UpsertAsync(Symbol, Timeframe.OneMinute, bars, new BarProvenance("test", "1"));
        }

        _store.Reset();
        return bars;
    }

    /// <summary>Only the bars of a US equity session: weekdays 14:30-21:00 UTC.</summary>
    private static List<Bar> Sessions(List<Bar> bars) => bars.Where(b => b.OpenTime.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)
        && b.OpenTime.TimeOfDay >= TimeSpan.FromHours(14.5) && b.OpenTime.TimeOfDay < TimeSpan.FromHours(21)).ToList();

    private static List<Bar> Generate(DateTime from, DateTime to, TimeSpan? step = null)
    {
        var bars = new List<Bar>();
        var price = 100.0;
        for (var t = from; t < to; t = t.Add(step ?? TimeSpan.FromMinutes(1)))
        {
            var close = price * (1 + (Math.Sin(t.Ticks / 6e11) * 0.001));
            bars.Add(new Bar(t, price, Math.Max(price, close) + 0.01, Math.Min(price, close) - 0.01, close, 1.5m, 3));
            price = close;
        }

        return bars;
    }

    /// <summary>Counts what a reader asks of the store: each first page of a range read is one window.</summary>
    private sealed class CountingBarStore(IBarStore inner) : IBarStore
    {
        public List<(DateTime From, DateTime To)> Windows { get; } = [];

        public int HistoryStarts { get; private set; }

        public void Reset()
        {
            Windows.Clear();
            HistoryStarts = 0;
        }

        public Task<int> UpsertAsync(Symbol symbol, Timeframe timeframe, IReadOnlyList<Bar> bars, BarProvenance provenance, CancellationToken cancellationToken = default) =>
            inner.UpsertAsync(symbol, timeframe, bars, provenance, cancellationToken);

        public Task<BarPage> ReadAsync(BarRangeQuery query, CancellationToken cancellationToken = default)
        {
            if (query.ContinuationToken is null)
            {
                Windows.Add((query.From, query.To));
            }

            return inner.ReadAsync(query, cancellationToken);
        }

        public Task<DateTime?> HistoryStartAsync(Symbol symbol, Timeframe timeframe, CancellationToken cancellationToken = default)
        {
            HistoryStarts++;
            return inner.HistoryStartAsync(symbol, timeframe, cancellationToken);
        }
    }
}
