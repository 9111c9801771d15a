namespace MarketIntel.Core.Indicators.Streaming;

/// <summary>
/// Streaming form of <c>Common.HilbertCycle</c> (same expressions in the same order, so results match the batch bit for
/// bit): rings of the last seven median prices, smoothed prices, detrender, I1 and Q1, plus the recursive scalars.
/// </summary>
internal sealed class HilbertCore
{
    private readonly RingWindow _p = new(51);
    private readonly RingWindow _sm = new(7);
    private readonly RingWindow _det = new(7);
    private readonly RingWindow _i1 = new(7);
    private readonly RingWindow _q1 = new(7);
    private Revisable<State> _s;

    /// <summary>Bars seen (the current bar's index + 1).</summary>
    public int Count => _s.Cur.N;

    public RingWindow Price => _p;

    public double FirstPrice => _s.Cur.First;

    public double Smooth => _sm[0];

    public double SmoothPeriod => _s.Cur.Sp;

    public double Phase => _s.Cur.Phase;

    public double PreviousPhase => _s.Prev.Phase;

    public void Update(double high, double low, bool isNew)
    {
        _s.Begin(isNew);
        ref var s = ref _s.Cur;
        var i = s.N++;
        var p = (high + low) / 2;
        if (i == 0)
        {
            s.First = p;
        }

        _p.Update(p, isNew);
        if (i <= 5)
        {
            _sm.Update(0, isNew);
            _det.Update(0, isNew);
            _i1.Update(0, isNew);
            _q1.Update(0, isNew);
            return;
        }

        var adj = (0.075 * s.Pd) + 0.54;
        _sm.Update(((4 * _p[0]) + (3 * _p[1]) + (2 * _p[2]) + _p[3]) / 10, isNew);
        _det.Update(Hilbert(_sm) * adj, isNew);
        _q1.Update(Hilbert(_det) * adj, isNew);
        _i1.Update(_det[3], isNew);
        var ji = Hilbert(_i1) * adj;
        var jq = Hilbert(_q1) * adj;
        var i2 = _i1[0] - jq;
        var q2 = _q1[0] + ji;
        i2 = (0.2 * i2) + (0.8 * s.I2);
        q2 = (0.2 * q2) + (0.8 * s.Q2);
        var re = (i2 * s.I2) + (q2 * s.Q2);
        var im = (i2 * s.Q2) - (q2 * s.I2);
        re = (0.2 * re) + (0.8 * s.Re);
        im = (0.2 * im) + (0.8 * s.Im);
        var pd = im != 0 && re != 0 ? 2 * Math.PI / Math.Atan(im / re) : 0;
        pd = pd > 1.5 * s.Pd ? 1.5 * s.Pd : pd;
        pd = pd < 0.67 * s.Pd ? 0.67 * s.Pd : pd;
        pd = pd < 6 ? 6 : pd > 50 ? 50 : pd;
        pd = (0.2 * pd) + (0.8 * s.Pd);
        s.Sp = (0.33 * pd) + (0.67 * s.Sp);
        s.Phase = _i1[0] != 0 ? Math.Atan(_q1[0] / _i1[0]) * 180 / Math.PI : 0;
        (s.I2, s.Q2, s.Re, s.Im, s.Pd) = (i2, q2, re, im, pd);
    }

    private static double Hilbert(RingWindow x) => (0.0962 * x[0]) + (0.5769 * x[2]) - (0.5769 * x[4]) - (0.0962 * x[6]);

    private struct State
    {
        public int N;
        public double First;
        public double I2;
        public double Q2;
        public double Re;
        public double Im;
        public double Pd;
        public double Sp;
        public double Phase;
    }
}
