using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Volume;

/// <summary>Streaming <see cref="Adl"/>; outputs adl, moneyFlowMultiplier, moneyFlowVolume.</summary>
public sealed class AdlStream : StreamingIndicator
{
    private Revisable<(double Adl, double M, double Mfv)> _s;

    public override int WarmUpPeriod => 0;

    public double Value => Count > 0 ? _s.Cur.Adl : double.NaN;

    public override double Output(int column) => Count == 0 ? double.NaN : column switch
    {
        0 => _s.Cur.Adl,
        1 => _s.Cur.M,
        _ => _s.Cur.Mfv,
    };

    protected override void Update(in Bar bar, bool isNew)
    {
        _s.Begin(isNew);
        var m = Adl.Multiplier(bar.High, bar.Low, bar.Close);
        var mfv = m * (double)bar.Volume;
        _s.Cur = (_s.Cur.Adl + mfv, m, mfv);
    }
}
