using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Volume;

/// <summary>Streaming <see cref="Vwap"/> (anchored at the first bar).</summary>
public sealed class VwapStream : StreamingIndicator
{
    private Revisable<(double Pv, double V)> _s;

    public override int WarmUpPeriod => 0;

    public override double Output(int column) => _s.Cur.V > 0 ? _s.Cur.Pv / _s.Cur.V : double.NaN;

    protected override void Update(in Bar bar, bool isNew)
    {
        _s.Begin(isNew);
        var v = (double)bar.Volume;
        _s.Cur = (_s.Cur.Pv + (v * (bar.High + bar.Low + bar.Close) / 3), _s.Cur.V + v);
    }
}
