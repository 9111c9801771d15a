using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Volatility;

/// <summary>Streaming <see cref="Ulcer"/>.</summary>
public sealed class UlcerStream(int period) : StreamingIndicator
{
    private readonly RingWindow _close = new(period);
    private double _value = double.NaN;

    public override int WarmUpPeriod => period - 1;

    public override double Output(int column) => _value;

    protected override void Update(in Bar bar, bool isNew)
    {
        _close.Update(bar.Close, isNew);
        if (_close.Count < period)
        {
            return;
        }

        var ss = 0.0;
        var max = double.MinValue;
        for (var ago = period - 1; ago >= 0; ago--)
        {
            var c = _close[ago];
            max = Math.Max(max, c);
            var dd = 100 * (c - max) / max;
            ss += dd * dd;
        }

        _value = Math.Sqrt(ss / period);
    }
}
