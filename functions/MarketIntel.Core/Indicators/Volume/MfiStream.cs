using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Volume;

/// <summary>Streaming <see cref="Mfi"/>.</summary>
public sealed class MfiStream(int period) : StreamingIndicator
{
    private readonly RingWindow _pos = new(period);
    private readonly RingWindow _neg = new(period);
    private Revisable<(int N, double Tp)> _s;
    private double _value = double.NaN;

    public override int WarmUpPeriod => period;

    public override double Output(int column) => _value;

    protected override void Update(in Bar bar, bool isNew)
    {
        _s.Begin(isNew);
        var (n, prevTp) = _s.Cur;
        var tp = (bar.High + bar.Low + bar.Close) / 3;
        double pos = 0, neg = 0;
        if (n > 0)
        {
            var mf = tp * (double)bar.Volume;
            pos = tp > prevTp ? mf : 0;
            neg = tp < prevTp ? mf : 0;
        }

        _pos.Update(pos, isNew);
        _neg.Update(neg, isNew);
        _s.Cur = (n + 1, tp);
        if (n >= period)
        {
            var p = _pos.Sum(period);
            var m = _neg.Sum(period);
            _value = m > 0 ? 100 - (100 / (1 + (p / m))) : 100;
        }
    }
}
