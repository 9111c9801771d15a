using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Trend;

/// <summary>Streaming <see cref="Ema"/>.</summary>
public sealed class EmaStream(int period) : StreamingIndicator
{
    private readonly ExpCore _e = new(period);

    public override int WarmUpPeriod => period - 1;

    public override double Output(int column) => _e.Value;

    protected override void Update(in Bar bar, bool isNew)
    {
        _e.Update(bar.Close, isNew);
    }
}
