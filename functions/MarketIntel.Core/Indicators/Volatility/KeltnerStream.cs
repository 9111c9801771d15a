using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Volatility;

/// <summary>Streaming <see cref="Keltner"/>; outputs upperBand, centerline, lowerBand, width.</summary>
public sealed class KeltnerStream(int emaPeriod, double multiplier, int atrPeriod) : StreamingIndicator
{
    private readonly ExpCore _ema = new(emaPeriod);
    private readonly AtrStream _atr = new(atrPeriod);

    public override int WarmUpPeriod => Math.Max(emaPeriod - 1, atrPeriod);

    public override double Output(int column)
    {
        var e = _ema.Value;
        var a = _atr.Atr;
        if (double.IsNaN(e) || double.IsNaN(a))
        {
            return double.NaN;
        }

        var u = e + (multiplier * a);
        var l = e - (multiplier * a);
        return column switch
        {
            0 => u,
            1 => e,
            2 => l,
            _ => (u - l) / e,
        };
    }

    protected override void Update(in Bar bar, bool isNew)
    {
        _ema.Update(bar.Close, isNew);
        _atr.UpdateValues(bar.High, bar.Low, bar.Close, isNew);
    }
}
