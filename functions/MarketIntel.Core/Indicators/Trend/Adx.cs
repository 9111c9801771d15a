using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Trend;

/// <summary>
/// Average directional index (Wilder). True range and directional movements are Wilder-summed from bar 1 (the first
/// <c>period</c> are added up); ADX starts as the mean of the first <c>period</c> DX values; ADXR averages ADX with
/// its value <c>period</c> bars earlier. DX is 0 when +DI + -DI is zero (no directional movement).
/// </summary>
public static class Adx
{
    public static readonly string[] Columns = ["pdi", "mdi", "dx", "adx", "adxr"];

    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "adx",
        Title = "Average directional index",
        Category = "trend",
        Parameters = [IndicatorParameter.Int("period", 14, 2)],
        Outputs = Columns,
        WarmUp = a => a.Int(0),
        Evaluate = (a, s, _) => Out.Many(Columns, Compute(s.High, s.Low, s.Close, a.Int(0))),
        CreateStream = a => new AdxStream(a.Int(0)),
    };

    public static double[][] Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, int period)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 2);
        var n = close.Length;
        var pdiOut = Ma.Prefixed(n, period);
        var mdiOut = Ma.Prefixed(n, period);
        var dxOut = Ma.Prefixed(n, period);
        var adxOut = Ma.Prefixed(n, (2 * period) - 1);
        var adxrOut = Ma.Prefixed(n, (3 * period) - 1);
        // The same arithmetic as Kernel.Step (which the stream uses), with the state in registers.
        var keep = 1 - (1.0 / period);
        var a = (period - 1) / (double)period;
        var b = 1.0 / period;
        double trs = 0, pdms = 0, mdms = 0, dxSum = 0, adx = 0;
        var i = 1;

        // Warm-up (seed sums, the first DX values and the ADX seed), then a steady loop without phase branches.
        for (; i < n && i < 2 * period; i++)
        {
            var (tr, pdm, mdm) = Movement(high[i], low[i], high[i - 1], low[i - 1], close[i - 1]);
            if (i <= period)
            {
                trs += tr;
                pdms += pdm;
                mdms += mdm;
                if (i < period)
                {
                    continue;
                }
            }
            else
            {
                trs = Math.FusedMultiplyAdd(trs, keep, tr);
                pdms = Math.FusedMultiplyAdd(pdms, keep, pdm);
                mdms = Math.FusedMultiplyAdd(mdms, keep, mdm);
            }

            var dx = WriteDirectional(trs, pdms, mdms, i, pdiOut, mdiOut, dxOut);
            if (double.IsNaN(dx))
            {
                if (i == (2 * period) - 1)
                {
                    adxOut[i] = double.NaN;
                }

                continue;
            }

            dxSum += dx;
            if (i == (2 * period) - 1)
            {
                adx = dxSum / period;
                adxOut[i] = adx;
            }
        }

        for (; i < n; i++)
        {
            var (tr, pdm, mdm) = Movement(high[i], low[i], high[i - 1], low[i - 1], close[i - 1]);
            trs = Math.FusedMultiplyAdd(trs, keep, tr);
            pdms = Math.FusedMultiplyAdd(pdms, keep, pdm);
            mdms = Math.FusedMultiplyAdd(mdms, keep, mdm);
            var dx = WriteDirectional(trs, pdms, mdms, i, pdiOut, mdiOut, dxOut);
            if (double.IsNaN(dx))
            {
                adxOut[i] = double.NaN;
                if (i >= (3 * period) - 1)
                {
                    adxrOut[i] = double.NaN;
                }

                continue;
            }

            adx = Momentum.Rsi.Wilder(adx, dx, a, b);
            adxOut[i] = adx;
            if (i >= (3 * period) - 1)
            {
                adxrOut[i] = (adx + adxOut[i - period]) / 2;
            }
        }

        return [pdiOut, mdiOut, dxOut, adxOut, adxrOut];
    }

    /// <summary>Writes +DI, -DI and DX of bar <paramref name="i"/> and returns DX; all NaN when the true-range sum is zero.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static double WriteDirectional(double trs, double pdms, double mdms, int i, double[] pdi, double[] mdi, double[] dx)
    {
        if (trs == 0)
        {
            pdi[i] = mdi[i] = dx[i] = double.NaN;
            return double.NaN;
        }

        var scale = 100 / trs;
        pdi[i] = pdms * scale;
        mdi[i] = mdms * scale;
        return dx[i] = Dx(pdms, mdms);
    }

    /// <summary>True range and the +DM/-DM of a bar (branch-free): +DM = up if up &gt; max(down, 0), else 0.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static (double Tr, double Pdm, double Mdm) Movement(double high, double low, double prevHigh, double prevLow, double prevClose)
    {
        var up = high - prevHigh;
        var down = prevLow - low;
        return (Window.TrueRange(high, low, prevClose), Branchless.IfGreater(up, Branchless.Max(down, 0)), Branchless.IfGreater(down, Branchless.Max(up, 0)));
    }

    /// <summary>
    /// DX = 100 |+DI - -DI| / (+DI + -DI), computed from the smoothed movements (the true-range scale cancels), so its
    /// division does not wait for the DI division; 0 when there is no directional movement.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static double Dx(double pdms, double mdms) => pdms + mdms == 0 ? 0 : 100 * Math.Abs(pdms - mdms) / (pdms + mdms);

    /// <summary>
    /// One bar of ADX, shared by the batch and the stream so that they agree bit for bit. Wilder sums use
    /// <c>s - s/n + x</c> as one fused multiply-add; when the true-range sum is zero the bar has no values.
    /// </summary>
    internal readonly struct Kernel
    {
        private readonly int _period;
        private readonly double _keep;
        private readonly double _a;
        private readonly double _b;

        private Kernel(int period)
        {
            _period = period;
            _keep = 1 - (1.0 / period);
            _a = (period - 1) / (double)period;
            _b = 1.0 / period;
        }

        public static Kernel Create(int period) => new(period);

        /// <summary>Bar <paramref name="i"/> (&gt;= 1); returns ADX (NaN before bar 2n-1 or when undefined).</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        public double Step(ref State s, int i, double high, double low, double prevHigh, double prevLow, double prevClose, out double pdi, out double mdi, out double dx)
        {
            var (tr, pdm, mdm) = Movement(high, low, prevHigh, prevLow, prevClose);
            if (i <= _period)
            {
                s.Trs += tr;
                s.Pdms += pdm;
                s.Mdms += mdm;
            }
            else
            {
                s.Trs = Math.FusedMultiplyAdd(s.Trs, _keep, tr);
                s.Pdms = Math.FusedMultiplyAdd(s.Pdms, _keep, pdm);
                s.Mdms = Math.FusedMultiplyAdd(s.Mdms, _keep, mdm);
            }

            pdi = mdi = dx = double.NaN;
            if (i < _period || s.Trs == 0)
            {
                return double.NaN;
            }

            var scale = 100 / s.Trs;
            pdi = s.Pdms * scale;
            mdi = s.Mdms * scale;
            dx = Dx(s.Pdms, s.Mdms);
            if (i < 2 * _period)
            {
                s.DxSum += dx;
                if (i < (2 * _period) - 1)
                {
                    return double.NaN;
                }

                s.Adx = s.DxSum / _period;
            }
            else
            {
                s.Adx = Momentum.Rsi.Wilder(s.Adx, dx, _a, _b);
            }

            return s.Adx;
        }

        public struct State
        {
            public double Trs;
            public double Pdms;
            public double Mdms;
            public double DxSum;
            public double Adx;
        }
    }
}
