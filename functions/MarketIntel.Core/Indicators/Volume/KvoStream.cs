using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Volume;

/// <summary>Streaming <see cref="Kvo"/>; outputs oscillator, signal.</summary>
public sealed class KvoStream(int fast, int slow, int signal) : StreamingIndicator
{
    private readonly ExpCore _fast = new(fast);
    private readonly ExpCore _slow = new(slow);
    private readonly ExpCore _signal = new(signal);
    private Revisable<State> _s;
    private double _osc = double.NaN;

    public override int WarmUpPeriod => slow + 1;

    public override double Output(int column) => column == 0 ? _osc : _signal.Value;

    protected override void Update(in Bar bar, bool isNew)
    {
        _s.Begin(isNew);
        ref var s = ref _s.Cur;
        var i = s.N++;
        var hlc = bar.High + bar.Low + bar.Close;
        var dm = bar.High - bar.Low;
        var vf = double.NaN;
        if (i > 0)
        {
            var trend = hlc > s.Hlc ? 1 : -1;
            if (i > 1)
            {
                s.Cm = trend == s.Trend ? s.Cm + dm : s.Dm + dm;
                vf = s.Cm == 0 ? 0 : (double)bar.Volume * Math.Abs(2 * ((dm / s.Cm) - 1)) * trend * 100;
            }

            s.Trend = trend;
        }

        s.Hlc = hlc;
        s.Dm = dm;
        _osc = _fast.Update(vf, isNew) - _slow.Update(vf, isNew);
        _signal.Update(_osc, isNew);
    }

    private struct State
    {
        public int N;
        public int Trend;
        public double Hlc;
        public double Dm;
        public double Cm;
    }
}
