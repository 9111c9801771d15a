using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Trend;

/// <summary>Streaming <see cref="Vwma"/>.</summary>
public sealed class VwmaStream(int period) : StreamingIndicator
{
    private readonly RingWindow _close = new(period);
    private readonly RingWindow _volume = new(period);
    private double _value = double.NaN;

    public override int WarmUpPeriod => period - 1;

    public override double Output(int column) => _value;

    protected override void Update(in Bar bar, bool isNew)
    {
        _close.Update(bar.Close, isNew);
        _volume.Update((double)bar.Volume, isNew);
        if (_close.Count < period)
        {
            return;
        }

        double pv = 0, v = 0;
        for (var ago = period - 1; ago >= 0; ago--)
        {
            pv += _close[ago] * _volume[ago];
            v += _volume[ago];
        }

        _value = v != 0 ? pv / v : double.NaN;
    }
}
