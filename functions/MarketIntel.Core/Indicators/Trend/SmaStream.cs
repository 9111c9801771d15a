using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Trend;

/// <summary>Streaming <see cref="Sma"/>.</summary>
public sealed class SmaStream(int period) : StreamingIndicator
{
    private readonly WindowCore _w = new(period);
    private double _value = double.NaN;

    public override int WarmUpPeriod => period - 1;

    public override double Output(int column) => _value;

    protected override void Update(in Bar bar, bool isNew)
    {
        _value = _w.Update(bar.Close, isNew) ? _w.Sma() : double.NaN;
    }
}
