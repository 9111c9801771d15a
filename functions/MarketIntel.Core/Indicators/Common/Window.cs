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
    public static double TrueRange(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, int i) =>
        TrueRange(high[i], low[i], close[i - 1]);

    /// <summary>max(high - low, |high - previous close|, |low - previous close|) for finite prices.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static double TrueRange(double h, double l, double pc)
    {
        // Branch-free: compare-and-branch mispredicts on real (random) data.
        return Branchless.Max(h - l, Branchless.Max(Math.Abs(h - pc), Math.Abs(l - pc)));
    }

    /// <summary>
    /// Sum of a window, vectorised in lanes then reduced: deterministic for a given length and content, so the batch
    /// and the streaming Bollinger bands (which pass the same window) agree bit for bit.
    /// </summary>
    public static double VectorSum(ReadOnlySpan<double> w)
    {
        var i = 0;
        var s = 0.0;
        var lanes = System.Numerics.Vector<double>.Count;
        if (w.Length >= 2 * lanes)
        {
            var acc = System.Numerics.Vector<double>.Zero;
            for (; i <= w.Length - lanes; i += lanes)
            {
                acc += new System.Numerics.Vector<double>(w[i..]);
            }

            s = System.Numerics.Vector.Sum(acc);
        }

        for (; i < w.Length; i++)
        {
            s += w[i];
        }

        return s;
    }

    /// <summary>Sum of squared deviations from <paramref name="mean"/>, vectorised like <see cref="VectorSum"/>.</summary>
    public static double VectorSumSquaredDeviations(ReadOnlySpan<double> w, double mean)
    {
        var i = 0;
        var s = 0.0;
        var lanes = System.Numerics.Vector<double>.Count;
        if (w.Length >= 2 * lanes)
        {
            var acc = System.Numerics.Vector<double>.Zero;
            var m = new System.Numerics.Vector<double>(mean);
            for (; i <= w.Length - lanes; i += lanes)
            {
                var d = new System.Numerics.Vector<double>(w[i..]) - m;
                acc += d * d;
            }

            s = System.Numerics.Vector.Sum(acc);
        }

        for (; i < w.Length; i++)
        {
            var d = w[i] - mean;
            s += d * d;
        }

        return s;
    }
}
