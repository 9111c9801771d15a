namespace MarketIntel.Core.Indicators.Common;

/// <summary>
/// Moving-average kernels shared by indicators. Inputs may begin with NaN (an upstream warm-up): each kernel starts
/// at the first value and leaves NaN where it has no result. EMA and Wilder averages are seeded with the SMA of their
/// first <c>period</c> values, the reference library's convention.
/// </summary>
internal static class Ma
{
    public static int FirstValue(ReadOnlySpan<double> src)
    {
        for (var i = 0; i < src.Length; i++)
        {
            if (!double.IsNaN(src[i]))
            {
                return i;
            }
        }

        return src.Length;
    }

    public static void Sma(ReadOnlySpan<double> src, int period, Span<double> dst)
    {
        var start = FirstValue(src);
        for (var i = start + period - 1; i < src.Length; i++)
        {
            var sum = 0.0;
            for (var j = i - period + 1; j <= i; j++)
            {
                sum += src[j];
            }

            dst[i] = sum / period;
        }
    }

    /// <summary>Writes the SMA of the first <paramref name="period"/> values at their last index; false when there are too few.</summary>
    private static bool Seed(ReadOnlySpan<double> src, int period, Span<double> dst, out int seed, out double value)
    {
        var start = FirstValue(src);
        seed = start + period - 1;
        value = 0;
        if (seed >= src.Length)
        {
            return false;
        }

        var sum = 0.0;
        for (var j = start; j <= seed; j++)
        {
            sum += src[j];
        }

        value = sum / period;
        dst[seed] = value;
        return true;
    }

    public static void Ema(ReadOnlySpan<double> src, int period, Span<double> dst) => Smoothed(src, period, 2.0 / (period + 1), dst);

    /// <summary>Exponential smoothing with factor <paramref name="k"/>: <c>e += k (x - e)</c>, seeded by an SMA.</summary>
    public static void Smoothed(ReadOnlySpan<double> src, int period, double k, Span<double> dst)
    {
        if (!Seed(src, period, dst, out var seed, out var e))
        {
            return;
        }

        for (var i = seed + 1; i < src.Length; i++)
        {
            e = Step(e, src[i], k);
            dst[i] = e;
        }
    }

    /// <summary>
    /// One exponential smoothing step, <c>e + k (x - e)</c> with a single rounding (fused multiply-add): exact when
    /// x equals e, and the one formula every batch kernel and stream uses, so they agree bit for bit.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static double Step(double e, double x, double k) => Math.FusedMultiplyAdd(k, x - e, e);

    /// <summary>A result array with NaN only before <paramref name="first"/> (the rest is written by the caller).</summary>
    public static double[] Prefixed(int n, int first)
    {
        var a = GC.AllocateUninitializedArray<double>(n);
        a.AsSpan(0, Math.Clamp(first, 0, n)).Fill(double.NaN);
        return a;
    }

    /// <summary>EMA seeded with the first input value (how DEMA/TEMA chain their inner EMAs).</summary>
    public static void EmaFromFirst(ReadOnlySpan<double> src, int period, Span<double> dst)
    {
        var k = 2.0 / (period + 1);
        var start = FirstValue(src);
        if (start >= src.Length)
        {
            return;
        }

        var e = src[start];
        dst[start] = e;
        for (var i = start + 1; i < src.Length; i++)
        {
            e = Step(e, src[i], k);
            dst[i] = e;
        }
    }

    /// <summary>Wilder's smoothing (SMMA): <c>(prev (n-1) + x) / n</c> (as one fused multiply-add), seeded by an SMA.</summary>
    public static void Wilder(ReadOnlySpan<double> src, int period, Span<double> dst)
    {
        if (!Seed(src, period, dst, out var seed, out var e))
        {
            return;
        }

        var a = (period - 1) / (double)period;
        var b = 1.0 / period;
        for (var i = seed + 1; i < src.Length; i++)
        {
            e = Momentum.Rsi.Wilder(e, src[i], a, b);
            dst[i] = e;
        }
    }

    /// <summary>Linearly weighted average, weights 1..n with the newest heaviest.</summary>
    public static void Wma(ReadOnlySpan<double> src, int period, Span<double> dst)
    {
        var start = FirstValue(src);
        var divisor = period * (period + 1) / 2.0;
        for (var i = start + period - 1; i < src.Length; i++)
        {
            var sum = 0.0;
            for (var j = 0; j < period; j++)
            {
                sum += src[i - period + 1 + j] * (j + 1);
            }

            dst[i] = sum / divisor;
        }
    }

    public static double[] Array(int n) => IndicatorOutput.NewColumn(n);
}
