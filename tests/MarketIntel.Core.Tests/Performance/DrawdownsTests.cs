using MarketIntel.Core.Performance;

namespace MarketIntel.Core.Tests.Performance;

public class DrawdownsTests
{
    private static readonly double[] Equity = [100, 120, 90, 95, 130, 117, 125];

    [Fact]
    public void Series_IsTheFractionBelowTheRunningPeak()
    {
        var series = new double[Equity.Length];
        Drawdowns.Series(Equity, series);
        AssertSeries.Close([0, 0, 0.25, 25.0 / 120, 0, 0.1, 5.0 / 130], series);
    }

    [Fact]
    public void Analyze_FindsDepthLocationAndDurations()
    {
        var stats = Drawdowns.Analyze(Equity);
        Assert.Equal(0.25, stats.MaxDrawdown, 12);
        Assert.Equal((1, 2, 4), (stats.PeakIndex, stats.TroughIndex, stats.RecoveryIndex));
        Assert.Equal(3, stats.MaxDrawdownDuration);
        Assert.Equal(3, stats.LongestDrawdownDuration);
    }

    [Fact]
    public void UnrecoveredDrawdown_LastsUntilTheEnd()
    {
        var stats = Drawdowns.Analyze([100.0, 101, 80, 90, 95, 99]);
        Assert.Equal(21.0 / 101, stats.MaxDrawdown, 12);
        Assert.Equal(-1, stats.RecoveryIndex);
        Assert.Equal(4, stats.MaxDrawdownDuration);
        Assert.Equal(4, stats.LongestDrawdownDuration);
        Assert.Equal(0, Drawdowns.Analyze([1.0, 2, 3]).MaxDrawdown);
    }

    [Fact]
    public void LogForm_AgreesWithTheEquityForm()
    {
        var random = new Random(1);
        var equity = new double[500];
        equity[0] = 1;
        for (var i = 1; i < equity.Length; i++)
        {
            equity[i] = equity[i - 1] * (1 + ((random.NextDouble() - 0.5) * 0.06));
        }

        var log = equity.Select(x => Math.Log(x)).ToArray();
        Assert.Equal(Drawdowns.Analyze(equity).MaxDrawdown, Drawdowns.MaxOfLogEquity(log), 12);
        Assert.Equal(Drawdowns.Max(equity), Drawdowns.Analyze(equity).MaxDrawdown, 15);
    }
}
