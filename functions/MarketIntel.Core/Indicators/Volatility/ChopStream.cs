using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Volatility;

/// <summary>Streaming <see cref="Chop"/>.</summary>
public sealed class ChopStream(int period) : StreamingIndicator
{
    private readonly RingWindow _th = new(period);
    private readonly RingWindow _tl = new(period);
    private readonly RingWindow _tr = new(period);
    private Revisable<(int N, double Close)> _s;
    private double _value = double.NaN;

    public override int WarmUpPeriod => period;

    public override double Output(int column) => _value;

    protected override void Update(in Bar bar, bool isNew)
    {
        _s.Begin(isNew);
        var (n, pc) = _s.Cur;
        _s.Cur = (n + 1, bar.Close);
        _value = double.NaN;
        if (n == 0)
        {
            return;
        }

        var th = Math.Max(bar.High, pc);
        var tl = Math.Min(bar.Low, pc);
        _th.Update(th, isNew);
        _tl.Update(tl, isNew);
        _tr.Update(th - tl, isNew);
        if (n >= period)
        {
            var range = _th.Max(period) - _tl.Min(period);
            if (range != 0)
            {
                _value = 100 * Math.Log10(_tr.Sum(period) / range) / Math.Log10(period);
            }
        }
    }
}
