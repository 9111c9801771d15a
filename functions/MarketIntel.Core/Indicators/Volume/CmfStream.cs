using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Volume;

/// <summary>Streaming <see cref="Cmf"/>; outputs cmf, moneyFlowMultiplier, moneyFlowVolume.</summary>
public sealed class CmfStream(int period) : StreamingIndicator
{
    private readonly RingWindow _mfv = new(period);
    private readonly RingWindow _volume = new(period);
    private double _cmf = double.NaN;
    private double _m = double.NaN;

    public override int WarmUpPeriod => period - 1;

    public override double Output(int column) => column switch
    {
        0 => _cmf,
        1 => _m,
        _ => _mfv.Count > 0 ? _mfv[0] : double.NaN,
    };

    protected override void Update(in Bar bar, bool isNew)
    {
        var v = (double)bar.Volume;
        _m = Adl.Multiplier(bar.High, bar.Low, bar.Close);
        _mfv.Update(_m * v, isNew);
        _volume.Update(v, isNew);
        if (_volume.Count >= period)
        {
            var sv = _volume.Sum(period);
            _cmf = sv > 0 ? _mfv.Sum(period) / sv : double.NaN;
        }
    }
}
