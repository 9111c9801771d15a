using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Volatility;

/// <summary>
/// O(1) rolling mean and population deviation for the Bollinger bands, shared by batch and stream (same steps, same
/// bits). It slides the sums of x - R and (x - R)^2 around a shift R and re-centres (R = the window mean, exact two-pass
/// sums) whenever R drifts more than two deviations from the mean, the variance degenerates, or every 64 windows: the
/// cancellation in Q/n - (L/n)^2 then stays within a few ulps of the variance, even across hundredfold price jumps.
/// A window of equal values (tracked by a run length) has exactly zero deviation and its value as mean.
/// </summary>
internal struct BollingerKernel
{
    private double _r;
    private double _l;
    private double _q;
    private double _last;
    private int _run;
    private int _n;
    private int _sinceResync;

    /// <summary>Adds <paramref name="x"/>; <paramref name="leaving"/> is the value dropping out (any value while not full),
    /// <paramref name="window"/> the newest <c>period</c> values including x (used only for re-centring).</summary>
    public void Push(double x, double leaving, ReadOnlySpan<double> window, int period, out double mean, out double sd)
    {
        _run = _n > 0 && x == _last ? _run + 1 : 1;
        _last = x;
        _n++;
        mean = sd = double.NaN;
        if (_n < period)
        {
            return;
        }

        if (_n == period || ++_sinceResync >= 64 * period)
        {
            Resync(window);
        }
        else
        {
            var dIn = x - _r;
            var dOut = leaving - _r;
            _l += dIn - dOut;
            _q += (dIn * dIn) - (dOut * dOut);
        }

        if (_run >= period)
        {
            mean = x;
            sd = 0;
            return;
        }

        var offset = _l / period;
        var variance = (_q / period) - (offset * offset);
        if (!(variance > 0) || offset * offset > 4 * variance)
        {
            Resync(window);
            offset = _l / period;
            variance = (_q / period) - (offset * offset);
        }

        mean = _r + offset;
        sd = Math.Sqrt(variance > 0 ? variance : 0);
    }

    private void Resync(ReadOnlySpan<double> window)
    {
        _r = Window.VectorSum(window) / window.Length;
        double l = 0, q = 0;
        foreach (var v in window)
        {
            var d = v - _r;
            l += d;
            q += d * d;
        }

        _l = l;
        _q = q;
        _sinceResync = 0;
    }
}
