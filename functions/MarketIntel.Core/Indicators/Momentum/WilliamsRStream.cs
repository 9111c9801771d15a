using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Momentum;

/// <summary>Streaming <see cref="WilliamsR"/>.</summary>
public sealed class WilliamsRStream(int period) : StreamingIndicator
{
    private readonly RingWindow _high = new(period);
    private readonly RingWindow _low = new(period);
    private double _value = double.NaN;

    public override int WarmUpPeriod => period - 1;

    public override double Output(int column) => _value;

    protected override void Update(in Bar bar, bool isNew)
    {
        _high.Update(bar.High, isNew);
        _low.Update(bar.Low, isNew);
        if (_high.Count >= period)
        {
            var hh = _high.Max(period);
            var ll = _low.Min(period);
            _value = (hh - ll != 0 ? 100 * (bar.Close - ll) / (hh - ll) : 0) - 100;
        }
    }
}
