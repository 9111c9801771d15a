using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Trend;

/// <summary>Streaming <see cref="Hma"/>.</summary>
public sealed class HmaStream(int period) : StreamingIndicator
{
    private readonly WindowCore _half = new(period / 2);
    private readonly WindowCore _full = new(period);
    private readonly WindowCore _out = new((int)Math.Sqrt(period));
    private double _value = double.NaN;

    public override int WarmUpPeriod => period + (int)Math.Sqrt(period) - 2;

    public override double Output(int column) => _value;

    protected override void Update(in Bar bar, bool isNew)
    {
        _half.Update(bar.Close, isNew);
        var full = _full.Update(bar.Close, isNew) ? _full.Wma() : double.NaN;
        _value = _out.Update((2 * _half.Wma()) - full, isNew) ? _out.Wma() : double.NaN;
    }
}
