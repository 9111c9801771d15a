using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Volatility;

/// <summary>Streaming <see cref="Chandelier"/>.</summary>
public sealed class ChandelierStream(int period, double multiplier, bool isLong) : StreamingIndicator
{
    private readonly AtrStream _atr = new(period);
    private readonly RingWindow _high = new(period);
    private readonly RingWindow _low = new(period);
    private double _value = double.NaN;

    public override int WarmUpPeriod => period;

    public override double Output(int column) => _value;

    protected override void Update(in Bar bar, bool isNew)
    {
        var atr = _atr.UpdateValues(bar.High, bar.Low, bar.Close, isNew);
        _high.Update(bar.High, isNew);
        _low.Update(bar.Low, isNew);
        _value = isLong ? _high.Max(period) - (multiplier * atr) : _low.Min(period) + (multiplier * atr);
    }
}
