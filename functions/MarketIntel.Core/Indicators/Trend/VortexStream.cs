using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Trend;

/// <summary>Streaming <see cref="Vortex"/>; outputs pvi, nvi.</summary>
public sealed class VortexStream(int period) : StreamingIndicator
{
    private readonly RingWindow _tr = new(period);
    private readonly RingWindow _pvm = new(period);
    private readonly RingWindow _nvm = new(period);
    private Revisable<(int N, double High, double Low, double Close)> _s;
    private double _pvi = double.NaN;
    private double _nvi = double.NaN;

    public override int WarmUpPeriod => period;

    public override double Output(int column) => column == 0 ? _pvi : _nvi;

    protected override void Update(in Bar bar, bool isNew)
    {
        _s.Begin(isNew);
        var (n, ph, pl, pc) = _s.Cur;
        _s.Cur = (n + 1, bar.High, bar.Low, bar.Close);
        _pvi = _nvi = double.NaN;
        if (n == 0)
        {
            return;
        }

        _tr.Update(Common.Window.TrueRange(bar.High, bar.Low, pc), isNew);
        _pvm.Update(Math.Abs(bar.High - pl), isNew);
        _nvm.Update(Math.Abs(bar.Low - ph), isNew);
        if (n >= period)
        {
            var t = _tr.Sum(period);
            if (t != 0)
            {
                _pvi = _pvm.Sum(period) / t;
                _nvi = _nvm.Sum(period) / t;
            }
        }
    }
}
