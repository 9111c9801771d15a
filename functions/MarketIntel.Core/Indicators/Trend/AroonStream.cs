using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Trend;

/// <summary>Streaming <see cref="Aroon"/>; outputs aroonUp, aroonDown, oscillator.</summary>
public sealed class AroonStream(int period) : StreamingIndicator
{
    private readonly RingWindow _high = new(period + 1);
    private readonly RingWindow _low = new(period + 1);
    private double _up = double.NaN;
    private double _down = double.NaN;

    public override int WarmUpPeriod => period;

    public override double Output(int column) => column switch
    {
        0 => _up,
        1 => _down,
        _ => _up - _down,
    };

    protected override void Update(in Bar bar, bool isNew)
    {
        _high.Update(bar.High, isNew);
        _low.Update(bar.Low, isNew);
        if (_high.Count <= period)
        {
            return;
        }

        int hi = period, lo = period;
        for (var ago = period - 1; ago >= 0; ago--)
        {
            if (_high[ago] > _high[hi])
            {
                hi = ago;
            }

            if (_low[ago] < _low[lo])
            {
                lo = ago;
            }
        }

        _up = 100.0 * (period - hi) / period;
        _down = 100.0 * (period - lo) / period;
    }
}
