using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Momentum;

/// <summary>Streaming <see cref="Roc"/>; outputs roc, momentum.</summary>
public sealed class RocStream(int period) : StreamingIndicator
{
    private readonly RingWindow _close = new(period + 1);

    public override int WarmUpPeriod => period;

    public override double Output(int column)
    {
        if (_close.Count <= period)
        {
            return double.NaN;
        }

        var m = _close[0] - _close[period];
        return column == 0 ? 100 * m / _close[period] : m;
    }

    protected override void Update(in Bar bar, bool isNew) => _close.Update(bar.Close, isNew);
}
