using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Volatility;

/// <summary>Streaming <see cref="Starc"/>; outputs centerline, upperBand, lowerBand.</summary>
public sealed class StarcStream(int smaPeriod, double multiplier, int atrPeriod) : StreamingIndicator
{
    private readonly WindowCore _sma = new(smaPeriod);
    private readonly AtrStream _atr = new(atrPeriod);
    private double _center = double.NaN;

    public override int WarmUpPeriod => smaPeriod - 1;

    public override double Output(int column) => column switch
    {
        0 => _center,
        1 => _center + (multiplier * _atr.Atr),
        _ => _center - (multiplier * _atr.Atr),
    };

    protected override void Update(in Bar bar, bool isNew)
    {
        _center = _sma.Update(bar.Close, isNew) ? _sma.Sma() : double.NaN;
        _atr.UpdateValues(bar.High, bar.Low, bar.Close, isNew);
    }
}
