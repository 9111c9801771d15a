using MarketIntel.Core.Indicators.Statistics;
using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Trend;

/// <summary>Streaming <see cref="Epma"/>.</summary>
public sealed class EpmaStream(int period) : StreamingIndicator
{
    private readonly RingWindow _close = new(period);
    private double _value = double.NaN;

    public override int WarmUpPeriod => period - 1;

    public override double Output(int column) => _value;

    protected override void Update(in Bar bar, bool isNew)
    {
        _close.Update(bar.Close, isNew);
        if (_close.Count >= period)
        {
            var fit = Slope.Fit(_close.Last(period), Count - period + 1);
            _value = (fit.Slope * Count) + fit.Intercept;
        }
    }
}
