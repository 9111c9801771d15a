using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;

namespace MarketIntel.Storage.Tests.Contracts;

/// <summary>The behaviour every <see cref="IBarStore"/> adapter must show; one subclass per adapter runs it.</summary>
public abstract class BarStoreContract
{
    private static readonly BarProvenance Provenance = new("test-provider", "1.2.3", "test-provider/2024/01/02/bars/abc.json");

    protected abstract IBarStore Store { get; }

    [Fact]
    public async Task RoundTrip_PreservesEveryFieldAndProvenance()
    {
        var symbol = TestBars.UniqueSymbol();
        var bars = TestBars.Generate(Timeframe.OneMinute, new DateTime(2024, 1, 2, 14, 30, 0, DateTimeKind.Utc), 25);

        Assert.Equal(25, await Store.UpsertAsync(symbol, Timeframe.OneMinute, bars, Provenance));
        var page = await Store.ReadAsync(new BarRangeQuery(symbol, Timeframe.OneMinute, bars[0].OpenTime, bars[^1].OpenTime.AddMinutes(1)));

        Assert.Equal(bars, page.Bars.ToList());
        Assert.All(page.Items, i => Assert.Equal(Provenance, i.Provenance));
        Assert.All(page.Items, i => Assert.Equal(DateTimeKind.Utc, i.Bar.OpenTime.Kind));
        Assert.Null(page.ContinuationToken);
    }

    [Fact]
    public async Task RangeQuery_PagesInTimeOrderAcrossMonthlyPartitions_MatchingABruteForceFilter()
    {
        var symbol = TestBars.UniqueSymbol();
        // 1h bars from late January to early March: three monthly partitions.
        var bars = TestBars.Generate(Timeframe.OneHour, new DateTime(2024, 1, 30, 0, 0, 0, DateTimeKind.Utc), 24 * 33, seed: 7);
        await Store.UpsertAsync(symbol, Timeframe.OneHour, bars, Provenance);
        var from = new DateTime(2024, 1, 31, 5, 0, 0, DateTimeKind.Utc);
        var to = new DateTime(2024, 3, 1, 7, 0, 0, DateTimeKind.Utc);

        var read = await ReadAllAsync(new BarRangeQuery(symbol, Timeframe.OneHour, from, to, PageSize: 97));

        var expected = bars.Where(b => b.OpenTime >= from && b.OpenTime < to).ToList();
        Assert.Equal(expected, read.Bars);
        Assert.All(read.PageSizes.SkipLast(1), size => Assert.Equal(97, size));
        Assert.True(read.PageSizes[^1] is > 0 and <= 97);
    }

    [Fact]
    public async Task ReadMany_ReturnsForEachQuery_WhatReadReturns_InTheOrderAsked()
    {
        var a = TestBars.UniqueSymbol();
        var b = TestBars.UniqueSymbol();
        var start = new DateTime(2024, 1, 31, 23, 0, 0, DateTimeKind.Utc);
        await Store.UpsertAsync(a, Timeframe.OneMinute, TestBars.Generate(Timeframe.OneMinute, start, 120, seed: 3), Provenance);
        await Store.UpsertAsync(b, Timeframe.OneMinute, TestBars.Generate(Timeframe.OneMinute, start, 90, seed: 4), Provenance);
        var queries = new[]
        {
            new BarRangeQuery(b, Timeframe.OneMinute, start.AddMinutes(10), start.AddMinutes(80), PageSize: 25),
            new BarRangeQuery(a, Timeframe.OneMinute, start, start.AddHours(3)),
            new BarRangeQuery(TestBars.UniqueSymbol(), Timeframe.OneMinute, start, start.AddHours(3)),
            new BarRangeQuery(a, Timeframe.OneMinute, start.AddMinutes(5), start.AddMinutes(5)),
            new BarRangeQuery(a, Timeframe.OneHour, start, start.AddHours(3)),
            new BarRangeQuery(a, Timeframe.OneMinute, start.AddMinutes(10), start.AddMinutes(80), PageSize: 25),
            new BarRangeQuery(a, Timeframe.OneMinute, start.AddMinutes(100), start.AddMinutes(200), PageSize: 25),
        };

        var pages = await Store.ReadManyAsync(queries);

        Assert.Equal(queries.Length, pages.Count);
        for (var i = 0; i < queries.Length; i++)
        {
            var single = await Store.ReadAsync(queries[i]);
            Assert.Equal(single.Bars.ToList(), pages[i].Bars.ToList());
            Assert.Equal(single.ContinuationToken, pages[i].ContinuationToken);
        }

        Assert.Equal([25, 120, 0, 0, 0, 25, 20], pages.Select(p => p.Bars.Count()));
        Assert.NotNull(pages[5].ContinuationToken);
        Assert.Null(pages[6].ContinuationToken);
    }

    [Fact]
    public async Task ReadLast_ReturnsForEachQuery_TheNewestBarsOfItsRange_OldestFirst_InTheOrderAsked()
    {
        var a = TestBars.UniqueSymbol();
        var b = TestBars.UniqueSymbol();
        // 1h bars in two blocks across three monthly partitions with a three-week gap between them, and daily bars of a
        // second symbol over two years: what a scan's lookback walks across.
        var early = TestBars.Generate(Timeframe.OneHour, new DateTime(2024, 1, 30, 0, 0, 0, DateTimeKind.Utc), 24 * 7, seed: 5);
        var late = TestBars.Generate(Timeframe.OneHour, new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc), 36, seed: 6);
        // Its volumes are whole (shares), one beyond the range of a long: read back exactly all the same.
        var daily = TestBars.Generate(Timeframe.OneDay, new DateTime(2022, 12, 20, 0, 0, 0, DateTimeKind.Utc), 400, seed: 7).Select(x => x with { Volume = decimal.Truncate(x.Volume) }).ToList();
        daily[^1] = daily[^1] with { Volume = 100_000_000_000_000_000_000m };
        await Store.UpsertAsync(a, Timeframe.OneHour, [.. early, .. late], Provenance);
        await Store.UpsertAsync(b, Timeframe.OneDay, daily, Provenance);
        var until = new DateTime(2024, 3, 1, 20, 0, 0, DateTimeKind.Utc);
        var queries = new[]
        {
            new LastBarsQuery(a, Timeframe.OneHour, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), until, 60),
            new LastBarsQuery(TestBars.UniqueSymbol(), Timeframe.OneHour, DateTime.UnixEpoch, until, 10),
            new LastBarsQuery(b, Timeframe.OneDay, DateTime.UnixEpoch, new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc), 300),
            new LastBarsQuery(a, Timeframe.OneHour, early[^5].OpenTime, until, 1000),
            new LastBarsQuery(a, Timeframe.OneDay, DateTime.UnixEpoch, until, 10),
            new LastBarsQuery(a, Timeframe.OneHour, late[3].OpenTime, late[3].OpenTime, 10),
            new LastBarsQuery(a, Timeframe.OneHour, DateTime.UnixEpoch, late[10].OpenTime, 1),
        };

        var read = await Store.ReadLastAsync(queries);

        IReadOnlyList<Bar>[] stored = [[.. early, .. late], [], daily, [.. early, .. late], [], [.. early, .. late], [.. early, .. late]];
        Assert.Equal(queries.Length, read.Count);
        for (var i = 0; i < queries.Length; i++)
        {
            var q = queries[i];
            var expected = stored[i].Where(x => x.OpenTime >= q.From && x.OpenTime < q.To).TakeLast(q.Count).ToList();
            Assert.Equal(expected, read[i].ToList());
            Assert.All(read[i], x => Assert.Equal(DateTimeKind.Utc, x.OpenTime.Kind));
        }

        Assert.Equal([60, 0, 300, 25, 0, 0, 1], read.Select(r => r.Count));
        Assert.Equal(late[9], read[6][0]);
    }

    [Fact]
    public async Task ReadLast_OfNoBars_IsRejected_NamingTheSeries()
    {
        var symbol = TestBars.UniqueSymbol();

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Store.ReadLastAsync([new LastBarsQuery(symbol, Timeframe.OneMinute, DateTime.UnixEpoch, DateTime.UtcNow, 0)]));

        Assert.Contains(symbol.Value, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HistoryStart_BoundsTheFirstBarFromBelowWithinItsPeriod_PerSymbolAndTimeframe()
    {
        var symbol = TestBars.UniqueSymbol();
        var longer = new Symbol(symbol.Value + "X");
        Assert.Null(await Store.HistoryStartAsync(symbol, Timeframe.OneMinute));

        // 1m bars from mid-March across three months; a symbol that extends this one's name, and this symbol's 1h bars,
        // both start earlier and must not count.
        var first = new DateTime(2024, 3, 17, 9, 41, 0, DateTimeKind.Utc);
        await Store.UpsertAsync(symbol, Timeframe.OneMinute, TestBars.Generate(Timeframe.OneMinute, first.AddDays(60), 30, seed: 3), Provenance);
        await Store.UpsertAsync(symbol, Timeframe.OneMinute, TestBars.Generate(Timeframe.OneMinute, first, 30, seed: 4), Provenance);
        await Store.UpsertAsync(longer, Timeframe.OneMinute, TestBars.Generate(Timeframe.OneMinute, first.AddMonths(-5), 5), Provenance);
        await Store.UpsertAsync(symbol, Timeframe.OneHour, TestBars.Generate(Timeframe.OneHour, first.AddMonths(-7), 5), Provenance);

        var start = await Store.HistoryStartAsync(symbol, Timeframe.OneMinute);
        Assert.NotNull(start);
        Assert.InRange(start.Value, BarRecordRules.PeriodStart(Timeframe.OneMinute, first), first);
        Assert.Equal(DateTimeKind.Utc, start.Value.Kind);
        Assert.InRange((await Store.HistoryStartAsync(symbol, Timeframe.OneHour))!.Value, new DateTime(2023, 8, 1, 0, 0, 0, DateTimeKind.Utc), first.AddMonths(-7));
        Assert.Null(await Store.HistoryStartAsync(symbol, Timeframe.OneDay));
    }

    [Fact]
    public async Task RangeQuery_BoundsAreHalfOpen_AndEmptyRangesReturnNothing()
    {
        var symbol = TestBars.UniqueSymbol();
        var bars = TestBars.Generate(Timeframe.FiveMinutes, new DateTime(2024, 5, 1, 10, 0, 0, DateTimeKind.Utc), 10);
        await Store.UpsertAsync(symbol, Timeframe.FiveMinutes, bars, Provenance);

        var inner = await Store.ReadAsync(new BarRangeQuery(symbol, Timeframe.FiveMinutes, bars[2].OpenTime, bars[5].OpenTime));
        var empty = await Store.ReadAsync(new BarRangeQuery(symbol, Timeframe.FiveMinutes, bars[5].OpenTime, bars[5].OpenTime));
        var otherTimeframe = await Store.ReadAsync(new BarRangeQuery(symbol, Timeframe.OneMinute, bars[0].OpenTime, bars[^1].OpenTime.AddHours(1)));

        Assert.Equal(bars.GetRange(2, 3), inner.Bars.ToList());
        Assert.Empty(empty.Items);
        Assert.Empty(otherTimeframe.Items);
    }

    [Fact]
    public async Task DailyBars_SpanningYears_ReadBackInOrder()
    {
        var symbol = new Symbol("BTC/USD-" + Guid.NewGuid().ToString("N")[..6]);
        var bars = TestBars.Generate(Timeframe.OneDay, new DateTime(2022, 12, 20, 0, 0, 0, DateTimeKind.Utc), 400, seed: 3);
        await Store.UpsertAsync(symbol, Timeframe.OneDay, bars, Provenance);

        var read = await ReadAllAsync(new BarRangeQuery(symbol, Timeframe.OneDay, new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc), PageSize: 150));

        Assert.Equal(bars, read.Bars);
    }

    [Fact]
    public async Task UpsertOfARevisedBar_ReplacesIt_WithoutAddingACopy()
    {
        var symbol = TestBars.UniqueSymbol();
        var bars = TestBars.Generate(Timeframe.OneMinute, new DateTime(2024, 2, 1, 9, 30, 0, DateTimeKind.Utc), 5);
        await Store.UpsertAsync(symbol, Timeframe.OneMinute, bars, Provenance);
        var revised = bars[3] with { Close = bars[3].High, Volume = bars[3].Volume + 42.5m, Trades = bars[3].Trades + 3 };

        await Store.UpsertAsync(symbol, Timeframe.OneMinute, [revised], Provenance with { CodeVersion = "1.2.4" });
        var page = await Store.ReadAsync(new BarRangeQuery(symbol, Timeframe.OneMinute, bars[0].OpenTime, bars[^1].OpenTime.AddMinutes(1)));

        Assert.Equal(5, page.Items.Count);
        Assert.Equal(revised, page.Items[3].Bar);
        Assert.Equal("1.2.4", page.Items[3].Provenance.CodeVersion);
        Assert.Equal(bars[2], page.Items[2].Bar);
    }

    [Fact]
    public async Task InterruptedBatch_ReRun_LeavesExactlyOneCopyOfEachBar()
    {
        var symbol = TestBars.UniqueSymbol();
        var bars = TestBars.Generate(Timeframe.FifteenMinutes, new DateTime(2024, 3, 31, 18, 0, 0, DateTimeKind.Utc), 120, seed: 11);
        // The first attempt got through an arbitrary subset (parallel writes finish in any order) before it died.
        var survivors = bars.Where((_, i) => i % 3 != 1).Take(70).ToList();
        await Store.UpsertAsync(symbol, Timeframe.FifteenMinutes, survivors, Provenance);

        await Store.UpsertAsync(symbol, Timeframe.FifteenMinutes, bars, Provenance);
        await Store.UpsertAsync(symbol, Timeframe.FifteenMinutes, bars, Provenance);

        var read = await ReadAllAsync(new BarRangeQuery(symbol, Timeframe.FifteenMinutes, bars[0].OpenTime, bars[^1].OpenTime.AddDays(1), PageSize: 50));
        Assert.Equal(bars, read.Bars);
        Assert.Equal(bars.Count, read.Bars.Select(b => b.OpenTime).Distinct().Count());
    }

    [Theory]
    [InlineData("high", "high must be >= max(open, close)")]
    [InlineData("aligned", "not aligned to the 5m grid")]
    [InlineData("utc", "must be UTC")]
    [InlineData("price", "finite and positive")]
    [InlineData("volume", "volume cannot be negative")]
    [InlineData("duplicate", "holds this open time twice")]
    public async Task BadBar_IsRejectedWithAClearError_AndNothingOfTheBatchIsWritten(string defect, string expectedMessage)
    {
        var symbol = TestBars.UniqueSymbol();
        var bars = TestBars.Generate(Timeframe.FiveMinutes, new DateTime(2024, 6, 3, 13, 0, 0, DateTimeKind.Utc), 6);
        var bad = bars[4];
        bars[4] = defect switch
        {
            "high" => bad with { High = Math.Min(bad.Open, bad.Close) - 1 },
            "aligned" => bad with { OpenTime = bad.OpenTime.AddMinutes(1) },
            "utc" => bad with { OpenTime = DateTime.SpecifyKind(bad.OpenTime, DateTimeKind.Unspecified) },
            "price" => bad with { Open = double.NaN },
            "volume" => bad with { Volume = -1 },
            _ => bad with { OpenTime = bars[3].OpenTime },
        };

        var error = await Assert.ThrowsAsync<InvalidRecordException>(() => Store.UpsertAsync(symbol, Timeframe.FiveMinutes, bars, Provenance));

        Assert.Contains(expectedMessage, error.Message, StringComparison.Ordinal);
        Assert.Contains(symbol.Value, error.Message, StringComparison.Ordinal);
        Assert.Contains("Bar 4", error.Message, StringComparison.Ordinal);
        var page = await Store.ReadAsync(new BarRangeQuery(symbol, Timeframe.FiveMinutes, bars[0].OpenTime.AddHours(-1), bars[0].OpenTime.AddHours(2)));
        Assert.Empty(page.Items);
    }

    [Fact]
    public async Task UpsertMany_WritesEverySeries_AsSeparateUpsertsWould()
    {
        var symbols = Enumerable.Range(0, 4).Select(_ => TestBars.UniqueSymbol()).ToList();
        var start = new DateTime(2024, 6, 3, 13, 0, 0, DateTimeKind.Utc);
        var series = symbols.Select((s, i) => (s, (IReadOnlyList<Bar>)TestBars.Generate(Timeframe.OneMinute, start, 3 + i, seed: i + 1))).ToList();
        series.Add((TestBars.UniqueSymbol(), []));
        await Store.UpsertAsync(symbols[0], Timeframe.OneMinute, TestBars.Generate(Timeframe.OneMinute, start, 10, seed: 99), Provenance);

        Assert.Equal(3 + 4 + 5 + 6, await Store.UpsertManyAsync(Timeframe.OneMinute, series, Provenance));

        for (var i = 0; i < symbols.Count; i++)
        {
            var read = await ReadAllAsync(new BarRangeQuery(symbols[i], Timeframe.OneMinute, start, start.AddHours(1)));
            // The first symbol's earlier bars are replaced where the batch has them, kept after.
            List<Bar> expected = i == 0 ? [.. series[0].Item2, .. TestBars.Generate(Timeframe.OneMinute, start, 10, seed: 99).Skip(3)] : series[i].Item2.ToList();
            Assert.Equal(expected, read.Bars);
        }
    }

    [Fact]
    public async Task UpsertMany_WithOneBadBar_WritesNothingOfAnySeries()
    {
        var good = TestBars.UniqueSymbol();
        var bad = TestBars.UniqueSymbol();
        var start = new DateTime(2024, 6, 3, 13, 0, 0, DateTimeKind.Utc);
        var badBars = TestBars.Generate(Timeframe.OneMinute, start, 3);
        badBars[2] = badBars[2] with { Volume = -1 };

        var error = await Assert.ThrowsAsync<InvalidRecordException>(() => Store.UpsertManyAsync(Timeframe.OneMinute,
            [(good, TestBars.Generate(Timeframe.OneMinute, start, 3)), (bad, badBars)], Provenance));

        Assert.Contains(bad.Value, error.Message, StringComparison.Ordinal);
        foreach (var symbol in new[] { good, bad })
        {
            Assert.Empty((await Store.ReadAsync(new BarRangeQuery(symbol, Timeframe.OneMinute, start, start.AddHours(1)))).Items);
        }
    }

    [Fact]
    public async Task MissingProvenance_IsRejected()
    {
        var bars = TestBars.Generate(Timeframe.OneMinute, new DateTime(2024, 6, 3, 13, 0, 0, DateTimeKind.Utc), 1);

        var error = await Assert.ThrowsAsync<InvalidRecordException>(() => Store.UpsertAsync(TestBars.UniqueSymbol(), Timeframe.OneMinute, bars, new BarProvenance("src", " ")));

        Assert.Contains("code version", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContinuationToken_FromAnotherStore_IsRejected()
    {
        var query = new BarRangeQuery(TestBars.UniqueSymbol(), Timeframe.OneMinute, DateTime.UnixEpoch, DateTime.UnixEpoch.AddDays(1), ContinuationToken: "not-a-token");

        await Assert.ThrowsAsync<ArgumentException>(() => Store.ReadAsync(query));
    }

    [Fact]
    public async Task RandomRevisionsAndRangeReads_MatchAnInMemoryModel()
    {
        // Brute-force reference: a dictionary of the last bar written per open time, filtered and sorted per query.
        var symbol = TestBars.UniqueSymbol();
        var timeframe = Timeframe.FourHours;
        var start = new DateTime(2023, 11, 20, 0, 0, 0, DateTimeKind.Utc);
        var universe = TestBars.Generate(timeframe, start, 600, seed: 21);
        var model = new Dictionary<DateTime, Bar>();
        var random = new Random(21);
        for (var round = 0; round < 4; round++)
        {
            var batch = universe.Where(_ => random.NextDouble() < 0.3)
                .Select(b => b with { Close = b.Low + ((b.High - b.Low) * random.NextDouble()), Trades = round })
                .ToList();
            await Store.UpsertAsync(symbol, timeframe, batch, Provenance);
            foreach (var bar in batch)
            {
                model[bar.OpenTime] = bar;
            }

            for (var q = 0; q < 4; q++)
            {
                var from = start.AddHours(4 * random.Next(-10, 600));
                var to = from.AddHours(4 * random.Next(0, 400)).AddMinutes(random.Next(0, 2) * 30);
                var read = await ReadAllAsync(new BarRangeQuery(symbol, timeframe, from, to, PageSize: random.Next(1, 120)));
                var expected = model.Values.Where(b => b.OpenTime >= from && b.OpenTime < to).OrderBy(b => b.OpenTime).ToList();
                Assert.Equal(expected, read.Bars);
            }
        }
    }

    private async Task<(List<Bar> Bars, List<int> PageSizes)> ReadAllAsync(BarRangeQuery query)
    {
        var bars = new List<Bar>();
        var sizes = new List<int>();
        string? token = null;
        do
        {
            var page = await Store.ReadAsync(query with { ContinuationToken = token });
            bars.AddRange(page.Bars);
            sizes.Add(page.Items.Count);
            token = page.ContinuationToken;
            Assert.True(sizes.Count < 10_000, "paging does not terminate");
        }
        while (token is not null);

        return (bars, sizes);
    }
}
