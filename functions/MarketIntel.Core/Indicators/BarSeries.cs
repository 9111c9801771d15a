using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators;

/// <summary>
/// A columnar view of bars (one double array per field) so that indicators run over spans. Prices must be finite
/// and positive, volumes finite and non-negative: a violation is an <see cref="ArgumentException"/> naming the bar.
/// </summary>
public sealed class BarSeries
{
    private BarSeries(DateTime[] time, double[] open, double[] high, double[] low, double[] close, double[] volume)
    {
        Time = time;
        Open = open;
        High = high;
        Low = low;
        Close = close;
        Volume = volume;
    }

    public DateTime[] Time { get; }

    public double[] Open { get; }

    public double[] High { get; }

    public double[] Low { get; }

    public double[] Close { get; }

    public double[] Volume { get; }

    public int Count => Time.Length;

    public static BarSeries From(IReadOnlyList<Bar> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var n = bars.Count;
        var s = new BarSeries(new DateTime[n], new double[n], new double[n], new double[n], new double[n], new double[n]);
        for (var i = 0; i < n; i++)
        {
            var b = bars[i];
            if (!(b.Open > 0 && b.High > 0 && b.Low > 0 && b.Close > 0) || !double.IsFinite(b.Open + b.High + b.Low + b.Close))
            {
                throw new ArgumentException($"bar {i} ({b.OpenTime:O}): prices must be finite and positive (open {b.Open}, high {b.High}, low {b.Low}, close {b.Close})", nameof(bars));
            }

            if (b.Volume < 0)
            {
                throw new ArgumentException($"bar {i} ({b.OpenTime:O}): volume {b.Volume} is negative", nameof(bars));
            }

            s.Time[i] = b.OpenTime;
            s.Open[i] = b.Open;
            s.High[i] = b.High;
            s.Low[i] = b.Low;
            s.Close[i] = b.Close;
            s.Volume[i] = (double)b.Volume;
        }

        return s;
    }

    /// <summary>One price field (or a combination of fields) as a new array.</summary>
    public double[] Select(PricePart part)
    {
        var n = Count;
        var result = new double[n];
        for (var i = 0; i < n; i++)
        {
            result[i] = PriceParts.Value(part, Open[i], High[i], Low[i], Close[i], Volume[i]);
        }

        return result;
    }
}
