using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Momentum;

/// <summary>Streaming <see cref="Cmo"/>.</summary>
public sealed class CmoStream(int period) : StreamingIndicator
{
    private readonly RingWindow _close = new(period + 1);
    private double _value = double.NaN;

    public override int WarmUpPeriod => period;

    public override double Output(int column) => _value;

    protected override void Update(in Bar bar, bool isNew)
    {
        _close.Update(bar.Close, isNew);
        if (_close.Count <= period)
        {
            return;
        }

        double up = 0, down = 0;
        for (var ago = period - 1; ago >= 0; ago--)
        {
            var d = _close[ago] - _close[ago + 1];
            up += d > 0 ? d : 0;
            down += d < 0 ? -d : 0;
        }

        _value = up + down != 0 ? 100 * (up - down) / (up + down) : double.NaN;
    }
}
