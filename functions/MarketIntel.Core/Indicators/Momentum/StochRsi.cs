using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Momentum;

/// <summary>Stochastic RSI: the stochastic formula applied to RSI values (0 when the RSI window is flat), %K smoothed, SMA signal.</summary>
public static class StochRsi
{
    public static readonly string[] Columns = ["stochRsi", "signal"];

    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "stochrsi",
        Title = "Stochastic RSI",
        Category = "momentum",
        Parameters = [IndicatorParameter.Int("rsiPeriod", 14), IndicatorParameter.Int("stochPeriod", 14), IndicatorParameter.Int("signal", 3), IndicatorParameter.Int("smooth", 1)],
        Outputs = Columns,
        WarmUp = a => a.Int(0) + a.Int(1) + a.Int(3) - 2,
        Evaluate = (a, s, _) => Out.Many(Columns, Compute(s.Close, a.Int(0), a.Int(1), a.Int(2), a.Int(3))),
        CreateStream = a => new StochRsiStream(a.Int(0), a.Int(1), a.Int(2), a.Int(3)),
    };

    public static double[][] Compute(ReadOnlySpan<double> close, int rsiPeriod, int stochPeriod, int signal, int smooth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stochPeriod, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(signal, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(smooth, 1);
        var n = close.Length;
        var rsi = Rsi.Compute(close, rsiPeriod);
        var raw = Out.New(n);
        for (var i = rsiPeriod + stochPeriod - 1; i < n; i++)
        {
            var hh = Window.Max(rsi, i, stochPeriod);
            var ll = Window.Min(rsi, i, stochPeriod);
            raw[i] = hh - ll != 0 ? 100 * (rsi[i] - ll) / (hh - ll) : 0;
        }

        var k = raw;
        if (smooth > 1)
        {
            k = Out.New(n);
            Ma.Sma(raw, smooth, k);
        }

        var d = Out.New(n);
        Ma.Sma(k, signal, d);
        return [k, d];
    }
}
