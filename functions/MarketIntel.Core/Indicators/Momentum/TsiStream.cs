using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Momentum;

/// <summary>Streaming <see cref="Tsi"/>; outputs tsi, signal.</summary>
public sealed class TsiStream(int longPeriod, int shortPeriod, int signal) : StreamingIndicator
{
    private readonly ExpCore _m1 = new(longPeriod);
    private readonly ExpCore _m2 = new(shortPeriod);
    private readonly ExpCore _a1 = new(longPeriod);
    private readonly ExpCore _a2 = new(shortPeriod);
    private readonly ExpCore _signal = new(signal);
    private Revisable<(int N, double Close)> _s;
    private double _tsi = double.NaN;

    public override int WarmUpPeriod => longPeriod + shortPeriod - 1;

    public override double Output(int column) => column == 0 ? _tsi : _signal.Value;

    protected override void Update(in Bar bar, bool isNew)
    {
        _s.Begin(isNew);
        var m = _s.Cur.N > 0 ? bar.Close - _s.Cur.Close : double.NaN;
        _s.Cur = (_s.Cur.N + 1, bar.Close);
        var m2 = _m2.Update(_m1.Update(m, isNew), isNew);
        var a2 = _a2.Update(_a1.Update(Math.Abs(m), isNew), isNew);
        _tsi = double.IsNaN(a2) ? double.NaN : a2 != 0 ? 100 * m2 / a2 : 0;
        _signal.Update(_tsi, isNew);
    }
}
