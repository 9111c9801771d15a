namespace MarketIntel.Core.Indicators.Common;

/// <summary>
/// Ehlers' Hilbert-transform homodyne discriminator over the median price (H+L)/2, as published in "Rocket Science for
/// Traders": smoothed price, detrender, in-phase/quadrature parts, the dominant cycle period (clamped 6..50 and to
/// ±50%/−33% of the previous), its smoothed value and the phase. The first six bars only seed the arrays (zeros).
/// </summary>
internal sealed class HilbertCycle
{
    private HilbertCycle(int n)
    {
        Price = new double[n];
        Smooth = new double[n];
        Period = new double[n];
        SmoothPeriod = new double[n];
        Phase = new double[n];
        Q1 = new double[n];
        I1 = new double[n];
    }

    public double[] Price { get; }

    public double[] Smooth { get; }

    public double[] Period { get; }

    public double[] SmoothPeriod { get; }

    public double[] Phase { get; }

    public double[] Q1 { get; }

    public double[] I1 { get; }

    public static HilbertCycle Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low)
    {
        var n = high.Length;
        var h = new HilbertCycle(n);
        var p = h.Price;
        var sm = h.Smooth;
        var pd = h.Period;
        var det = new double[n];
        var q1 = h.Q1;
        var i1 = h.I1;
        var i2 = new double[n];
        var q2 = new double[n];
        var re = new double[n];
        var im = new double[n];
        for (var i = 0; i < n; i++)
        {
            p[i] = (high[i] + low[i]) / 2;
            if (i <= 5)
            {
                continue;
            }

            var adj = (0.075 * pd[i - 1]) + 0.54;
            sm[i] = ((4 * p[i]) + (3 * p[i - 1]) + (2 * p[i - 2]) + p[i - 3]) / 10;
            det[i] = Hilbert(sm, i) * adj;
            q1[i] = Hilbert(det, i) * adj;
            i1[i] = det[i - 3];
            var ji = Hilbert(i1, i) * adj;
            var jq = Hilbert(q1, i) * adj;
            i2[i] = i1[i] - jq;
            q2[i] = q1[i] + ji;
            i2[i] = (0.2 * i2[i]) + (0.8 * i2[i - 1]);
            q2[i] = (0.2 * q2[i]) + (0.8 * q2[i - 1]);
            re[i] = (i2[i] * i2[i - 1]) + (q2[i] * q2[i - 1]);
            im[i] = (i2[i] * q2[i - 1]) - (q2[i] * i2[i - 1]);
            re[i] = (0.2 * re[i]) + (0.8 * re[i - 1]);
            im[i] = (0.2 * im[i]) + (0.8 * im[i - 1]);
            pd[i] = im[i] != 0 && re[i] != 0 ? 2 * Math.PI / Math.Atan(im[i] / re[i]) : 0;
            pd[i] = pd[i] > 1.5 * pd[i - 1] ? 1.5 * pd[i - 1] : pd[i];
            pd[i] = pd[i] < 0.67 * pd[i - 1] ? 0.67 * pd[i - 1] : pd[i];
            pd[i] = pd[i] < 6 ? 6 : pd[i] > 50 ? 50 : pd[i];
            pd[i] = (0.2 * pd[i]) + (0.8 * pd[i - 1]);
            h.SmoothPeriod[i] = (0.33 * pd[i]) + (0.67 * h.SmoothPeriod[i - 1]);
            h.Phase[i] = i1[i] != 0 ? Math.Atan(q1[i] / i1[i]) * 180 / Math.PI : 0;
        }

        return h;
    }

    private static double Hilbert(double[] x, int i) => (0.0962 * x[i]) + (0.5769 * x[i - 2]) - (0.5769 * x[i - 4]) - (0.0962 * x[i - 6]);
}
