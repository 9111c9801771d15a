using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Momentum;

/// <summary>Streaming <see cref="Pmo"/>; outputs pmo, signal.</summary>
public sealed class PmoStream(int timePeriods, int smoothPeriods, int signal) : StreamingIndicator
{
    private readonly ExpCore _roc = new(timePeriods, SmoothingMode.Ema, 2.0 / timePeriods);
    private readonly ExpCore _pmo = new(smoothPeriods, SmoothingMode.Ema, 2.0 / smoothPeriods);
    private readonly ExpCore _signal = new(signal);
    private Revisable<(int N, double Close)> _s;

    public override int WarmUpPeriod => timePeriods + smoothPeriods - 1;

    public override double Output(int column) => column == 0 ? _pmo.Value : _signal.Value;

    protected override void Update(in Bar bar, bool isNew)
    {
        _s.Begin(isNew);
        var roc = _s.Cur.N > 0 ? 100 * ((bar.Close / _s.Cur.Close) - 1) : double.NaN;
        _s.Cur = (_s.Cur.N + 1, bar.Close);
        var e1 = _roc.Update(roc, isNew) * 10;
        _signal.Update(_pmo.Update(e1, isNew), isNew);
    }
}
