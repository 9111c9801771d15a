namespace MarketIntel.Core.Indicators.Common;

/// <summary>Window scans over the <c>period</c> values ending at an index.</summary>
internal static class Window
{
    public static double Max(ReadOnlySpan<double> src, int end, int period)
    {
        var m = double.MinValue;
        for (var j = end - period + 1; j <= end; j++)
        {
            if (src[j] > m)
            {
                m = src[j];
            }
        }

        return m;
    }

    public static double Min(ReadOnlySpan<double> src, int end, int period)
    {
        var m = double.MaxValue;
        for (var j = end - period + 1; j <= end; j++)
        {
            if (src[j] < m)
            {
                m = src[j];
            }
        }

        return m;
    }

    public static double Sum(ReadOnlySpan<double> src, int end, int period)
    {
        var s = 0.0;
        for (var j = end - period + 1; j <= end; j++)
        {
            s += src[j];
        }

        return s;
    }

    /// <summary>Population standard deviation and mean of the window (two passes, so a flat window gives exactly 0).</summary>
    public static double StdDev(ReadOnlySpan<double> src, int end, int period, out double mean)
    {
        mean = Sum(src, end, period) / period;
        var ss = 0.0;
        for (var j = end - period + 1; j <= end; j++)
        {
            var d = src[j] - mean;
            ss += d * d;
        }

        return Math.Sqrt(ss / period);
    }

    /// <summary>True range of bar <paramref name="i"/> (needs a previous close; i &gt;= 1).</summary>
    public static double TrueRange(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, int i)
    {
        var h = high[i];
        var l = low[i];
        var pc = close[i - 1];
        return Math.Max(h - l, Math.Max(Math.Abs(h - pc), Math.Abs(l - pc)));
    }
}
