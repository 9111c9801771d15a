using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Momentum;

/// <summary>Streaming <see cref="Ultimate"/>.</summary>
public sealed class UltimateStream(int s, int m, int l) : StreamingIndicator
{
    private readonly RingWindow _bp = new(l);
    private readonly RingWindow _tr = new(l);
    private Revisable<(int N, double Close)> _st;
    private double _value = double.NaN;

    public override int WarmUpPeriod => l;

    public override double Output(int column) => _value;

    protected override void Update(in Bar bar, bool isNew)
    {
        _st.Begin(isNew);
        var (n, pc) = _st.Cur;
        _st.Cur = (n + 1, bar.Close);
        if (n == 0)
        {
            return;
        }

        _bp.Update(bar.Close - Math.Min(bar.Low, pc), isNew);
        _tr.Update(Math.Max(bar.High, pc) - Math.Min(bar.Low, pc), isNew);
        if (n >= l)
        {
            var t1 = _tr.Sum(s);
            var t2 = _tr.Sum(m);
            var t3 = _tr.Sum(l);
            var a1 = t1 == 0 ? 0 : _bp.Sum(s) / t1;
            var a2 = t2 == 0 ? 0 : _bp.Sum(m) / t2;
            var a3 = t3 == 0 ? 0 : _bp.Sum(l) / t3;
            _value = 100 * ((4 * a1) + (2 * a2) + a3) / 7;
        }
    }
}
