using MarketIntel.Core.Indicators;
using MarketIntel.Core.Indicators.Catalog;

namespace MarketIntel.Core.Tests.Indicators;

/// <summary>The streaming laws for the two-series indicators (beta, correlation, price relative strength).</summary>
public sealed class PairStreamingLawTests
{
    public static TheoryData<string, string> Cases() => new()
    {
        { "beta_50_compare_vs_default", "default" }, { "corr_20_compare_vs_default", "default" }, { "prs_20_compare_vs_default", "default" },
        { "beta_50_compare_vs_default", "edge" }, { "corr_20_compare_vs_default", "edge" }, { "prs_20_compare_vs_default", "edge" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Streaming_EqualsBatchBitForBit_AndRevisingEqualsFreshRun(string spec, string set)
    {
        var (evaluated, market) = ReferenceData.Inputs(set, spec);
        var parsed = IndicatorCatalog.Parse(spec);
        var batch = parsed.Evaluate(BarSeries.From(evaluated.Bars), BarSeries.From(market!.Bars));
        var fresh = parsed.CreatePairStream();
        var revised = parsed.CreatePairStream();
        for (var i = 0; i < evaluated.Bars.Count; i++)
        {
            var bar = evaluated.Bars[i];
            var m = market.Bars[i];
            fresh.Add(bar, m);
            revised.Add(bar with { Close = bar.Close * 1.03 }, m with { Close = m.Close * 0.98 });
            revised.Revise(bar, m);
            for (var c = 0; c < parsed.Definition.Outputs.Count; c++)
            {
                var expected = batch[parsed.Definition.Outputs[c]].Values[i];
                Assert.True(expected.Equals(fresh.Output(c)), $"{spec} on {set}, bar {i}, {parsed.Definition.Outputs[c]}: batch {expected:R}, stream {fresh.Output(c):R}");
                Assert.True(fresh.Output(c).Equals(revised.Output(c)), $"{spec} on {set}, bar {i}: revised stream differs");
            }
        }
    }

    [Fact]
    public void MisalignedBars_AreRejected()
    {
        var stream = IndicatorCatalog.Parse("corr_5").CreatePairStream();
        var bars = RandomBars.Create(1, 2);
        Assert.Throws<ArgumentException>(() => stream.Add(bars[0], bars[1]));
        Assert.Equal(0, stream.Count);
    }

    [Fact]
    public void SteadyStateUpdates_DoNotAllocate()
    {
        var a = RandomBars.Create(1, 1_000);
        var b = RandomBars.Create(2, 1_000);
        foreach (var spec in new[] { "beta_50", "corr_20", "prs_20" })
        {
            var stream = IndicatorCatalog.Parse(spec).CreatePairStream();
            var clean = 0;
            for (var round = 0; round < 6; round++)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                for (var i = 0; i < a.Length; i++)
                {
                    stream.Add(a[i], b[i]);
                    stream.Revise(a[i], b[i]);
                }

                clean += GC.GetAllocatedBytesForCurrentThread() == before ? 1 : 0;
            }

            Assert.True(clean >= 3, $"{spec}: {clean} of 6 rounds without allocation");
        }
    }
}
