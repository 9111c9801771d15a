using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Trend;

/// <summary>Streaming <see cref="Smma"/>.</summary>
public sealed class SmmaStream(int period) : StreamingIndicator
{
    private readonly ExpCore _e = new(period, SmoothingMode.Wilder);

    public override int WarmUpPeriod => period - 1;

    public override double Output(int column) => _e.Value;

    protected override void Update(in Bar bar, bool isNew)
    {
        _e.Update(bar.Close, isNew);
    }
}
