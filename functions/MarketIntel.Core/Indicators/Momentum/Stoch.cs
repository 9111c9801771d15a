using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Momentum;

/// <summary>
/// Stochastic oscillator: raw %K = 100 (close - lowest low) / (highest high - lowest low) over <c>period</c> bars
/// (0 when the range is zero, the reference's convention), smoothed by an SMA of <c>smooth</c> bars; the signal (%D) is an
/// SMA of <c>signal</c> bars; %J = 3 %K - 2 %D.
/// </summary>
public static class Stoch
{
    public static readonly string[] Columns = ["oscillator", "signal", "percentJ", "k", "d", "j"];

    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "stoch",
        Title = "Stochastic oscillator",
        Category = "momentum",
        Parameters = [IndicatorParameter.Int("period", 14), IndicatorParameter.Int("signal", 3), IndicatorParameter.Int("smooth", 3)],
        Outputs = Columns,
        WarmUp = a => a.Int(0) + a.Int(2) - 2,
        Evaluate = (a, s, _) =>
        {
            var (k, d, j) = Compute(s.High, s.Low, s.Close, a.Int(0), a.Int(1), a.Int(2));
            return Out.Many(Columns, k, d, j, k, d, j);
        },
        CreateStream = a => new StochStream(a.Int(0), a.Int(1), a.Int(2)),
    };

    public static (double[] K, double[] D, double[] J) Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, int period, int signal, int smooth)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(signal, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(smooth, 1);
        var n = close.Length;
        var raw = Out.New(n);
        for (var i = period - 1; i < n; i++)
        {
            var hh = Window.Max(high, i, period);
            var ll = Window.Min(low, i, period);
            raw[i] = hh - ll != 0 ? 100 * (close[i] - ll) / (hh - ll) : 0;
        }

        var k = Out.New(n);
        if (smooth > 1)
        {
            Ma.Sma(raw, smooth, k);
        }
        else
        {
            raw.CopyTo(k, 0);
        }

        var d = Out.New(n);
        Ma.Sma(k, signal, d);
        var j = Out.New(n);
        for (var i = 0; i < n; i++)
        {
            j[i] = (3 * k[i]) - (2 * d[i]);
        }

        return (k, d, j);
    }
}
