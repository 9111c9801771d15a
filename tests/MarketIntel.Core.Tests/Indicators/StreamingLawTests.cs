using MarketIntel.Core.Indicators;
using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Tests.Indicators;

/// <summary>
/// Laws of the streaming forms, over the reference quotes and long seeded random series: streaming equals batch bit
/// for bit (same arithmetic in the same order), revising the last bar equals a fresh run, and steady-state updates
/// do not allocate.
/// </summary>
public sealed class StreamingLawTests
{
    /// <summary>The manifest specs with a streaming form.</summary>
    private static readonly string[] Streamed =
    [
        "sma_20", "ema_20", "wma_20", "wma_14", "smma_20", "dema_20", "dema_14", "tema_20", "hma_20", "hma_14", "t3_5_0.7",
        "rsi_14", "macd_12_26_9", "bb_20_2", "atr_14", "supertrend_10_3", "adx_14",
        "stoch_14_3_3", "stochrsi_14_14_3_1", "cci_20", "obv", "vwap", "donchian_20", "keltner_20_2_10", "psar_0.02_0.2", "willr_14",
        "roc_12", "roc_14", "mfi_14", "cmf_20", "aroon_25", "ichimoku_9_26_52", "trix_14", "tsi_25_13_7", "kama_10_2_30",
        "chandelier_22_3_long", "volstop_7_3", "atrstop_21_3_close", "adl", "chaikinosc_3_10", "kvo_34_55_13", "pmo_35_20_10", "pvo_12_26_9",
        "vortex_14", "ultimate_7_14_28", "cmo_14", "connorsrsi_3_2_100", "stc_10_23_50", "fisher_10", "ulcer_14", "alma_9_0.85_6", "vwma_14", "vwma_20",
        "tr", "stdev_14", "stdev_20", "dynamic_14_0.6", "elderray_13", "force_2", "barpart_close", "heikinashi", "awesome_5_34", "bop_14",
        "starc_5_2_10", "chop_14", "smaanalysis_20", "slope_14", "epma_10", "maenv_20_2.5_sma", "alligator_13_8_8_5_5_3", "gator", "smi_13_25_2_3",
        "rocwb_20_5_5", "pivotpoints_month_standard", "rollingpivots_20_0_standard", "fcb_2", "doji_0.1", "marubozu_95", "hurst_100", "mama_0.5_0.05", "httrendline",
    ];

    /// <summary>Output columns a stream cannot know at its bar (they look ahead), with the reason.</summary>
    private static readonly Dictionary<string, string[]> LookAheadColumns = new(StringComparer.Ordinal)
    {
        ["ichimoku_9_26_52"] = ["chikouSpan"], // the close 26 bars later
        ["slope_14"] = ["line"], // the last window's line drawn back over its bars
    };

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var spec in StreamedSpecs())
        {
            foreach (var source in new[] { "default.csv", "edge.csv", "edge-intraday.csv", "random:1", "random:2" })
            {
                data.Add(spec, source);
            }
        }

        return data;
    }

    public static TheoryData<string> Specs()
    {
        var data = new TheoryData<string>();
        foreach (var spec in StreamedSpecs())
        {
            data.Add(spec);
        }

        return data;
    }

    [Fact]
    public void StreamedSpecs_AreExactlyTheListedOnes()
    {
        Assert.Equal(Streamed.Order(StringComparer.Ordinal), StreamedSpecs().Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Streaming_EqualsBatchBitForBit(string spec, string source)
    {
        var bars = Bars(source);
        var parsed = IndicatorCatalog.Parse(spec);
        var batch = parsed.Evaluate(BarSeries.From(bars));
        var stream = parsed.CreateStream();
        var outputs = parsed.Definition.Outputs;
        var skip = LookAheadColumns.GetValueOrDefault(spec, []);
        for (var i = 0; i < bars.Length; i++)
        {
            stream.Add(bars[i]);
            Assert.Equal(i + 1, stream.Count);
            for (var c = 0; c < outputs.Count; c++)
            {
                if (Array.IndexOf(skip, outputs[c]) < 0)
                {
                    AssertSame(batch[outputs[c]].Values[i], stream.Output(c), $"{spec} on {source}, bar {i}, {outputs[c]}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void ReviseLastBar_EqualsFreshRun(string spec)
    {
        var parsed = IndicatorCatalog.Parse(spec);
        var revised = parsed.CreateStream();
        var fresh = parsed.CreateStream();
        var random = new Random(7);
        foreach (var source in new[] { "random:3", "edge.csv" })
        {
            foreach (var bar in Bars(source))
            {
                revised.Add(Perturb(bar, random));
                revised.Revise(Perturb(bar, random));
                revised.Revise(bar);
                fresh.Add(bar);
                for (var c = 0; c < parsed.Definition.Outputs.Count; c++)
                {
                    AssertSame(fresh.Output(c), revised.Output(c), $"{spec} on {source}, bar {fresh.Count - 1}, output {parsed.Definition.Outputs[c]}");
                }

                Assert.Equal(fresh.IsReady, revised.IsReady);
            }
        }
    }

    /// <summary>
    /// Rounds of 1,000 updates (add, revise, read): an allocation per update would show in every round, while the
    /// runtime's own one-off work (tiered JIT promotion happens at arbitrary times) can only touch a few rounds.
    /// </summary>
    [Theory]
    [MemberData(nameof(Specs))]
    public void SteadyStateUpdates_DoNotAllocate(string spec)
    {
        var stream = IndicatorCatalog.Parse(spec).CreateStream();
        var bars = RandomBars.Create(11, 1_000);
        var cleanRounds = 0;
        for (var round = 0; round < 8; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            foreach (var bar in bars)
            {
                stream.Add(bar);
                stream.Revise(bar);
                _ = stream.Output(0);
            }

            cleanRounds += GC.GetAllocatedBytesForCurrentThread() == before ? 1 : 0;
        }

        Assert.True(cleanRounds >= 4, $"{spec}: only {cleanRounds} of 8 rounds of 1,000 updates ran without allocating");
    }

    [Fact]
    public void Revise_BeforeAnyBar_Throws()
    {
        var stream = IndicatorCatalog.Parse("ema_5").CreateStream();
        Assert.Throws<InvalidOperationException>(() => stream.Revise(RandomBars.Create(1, 1)[0]));
    }

    [Fact]
    public void InvalidBar_IsRejectedWithoutChangingTheStream()
    {
        var stream = IndicatorCatalog.Parse("rsi_3").CreateStream();
        var bars = RandomBars.Create(2, 10);
        foreach (var bar in bars)
        {
            stream.Add(bar);
        }

        var before = stream.Output(0);
        Assert.Throws<ArgumentException>(() => stream.Add(bars[^1] with { Close = double.NaN }));
        Assert.Throws<ArgumentException>(() => stream.Revise(bars[^1] with { Low = -1 }));
        Assert.Equal(10, stream.Count);
        Assert.Equal(before, stream.Output(0));
    }

    [Fact]
    public void StreamWithInvalidPeriod_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MarketIntel.Core.Indicators.Trend.EmaStream(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MarketIntel.Core.Indicators.Trend.SmaStream(0));
    }

    [Fact]
    public void IsReady_FollowsWarmUpPeriod()
    {
        var bars = RandomBars.Create(5, 100);
        foreach (var spec in Streamed)
        {
            if (IndicatorCatalog.Parse(spec).Definition.DataDependentWarmUp)
            {
                continue;
            }

            var stream = IndicatorCatalog.Parse(spec).CreateStream();
            for (var i = 0; i < bars.Length; i++)
            {
                stream.Add(bars[i]);
                // Ready exactly when the warm-up ends (later bars may still lack a value, e.g. BOP over a flat bar).
                Assert.True(i > stream.WarmUpPeriod || stream.IsReady == (i == stream.WarmUpPeriod), $"{spec}: bar {i}, warm-up {stream.WarmUpPeriod}, ready {stream.IsReady}");
            }
        }
    }

    internal static Bar[] Bars(string source) => source.StartsWith("random:", StringComparison.Ordinal)
        ? RandomBars.Create(int.Parse(source[7..], System.Globalization.CultureInfo.InvariantCulture), source == "random:2" ? 20_000 : 4_000)
        : [.. ReferenceData.QuoteFile(source).Bars];

    private static Bar Perturb(Bar bar, Random random)
    {
        var f = 1 + (0.05 * ((random.NextDouble() * 2) - 1));
        var close = bar.Close * f;
        return bar with { High = Math.Max(bar.High, close), Low = Math.Min(bar.Low, close), Close = close, Volume = bar.Volume * 2 };
    }

    private static void AssertSame(double expected, double actual, string where)
    {
        var same = BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual) || (double.IsNaN(expected) && double.IsNaN(actual));
        Assert.True(same, $"{where}: expected {expected:R}, actual {actual:R}");
    }

    private static IEnumerable<string> StreamedSpecs()
    {
        foreach (var spec in ReferenceData.ManifestSpecs())
        {
            if (IndicatorCatalog.TryFind(spec.Split('_')[0], out var d) && d.CreateStream is not null)
            {
                yield return spec;
            }
        }
    }
}
