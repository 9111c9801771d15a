using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Trend;

/// <summary>Streaming <see cref="Dema"/>.</summary>
public sealed class DemaStream(int period) : StreamingIndicator
{
    private readonly ExpCore _e1 = new(period);
    private readonly ExpCore _e2 = new(period, SmoothingMode.EmaFromFirst);
    private double _value = double.NaN;

    public override int WarmUpPeriod => period - 1;

    public override double Output(int column) => _value;

    protected override void Update(in Bar bar, bool isNew)
    {
        var e1 = _e1.Update(bar.Close, isNew);
        _value = (2 * e1) - _e2.Update(e1, isNew);
    }
}
