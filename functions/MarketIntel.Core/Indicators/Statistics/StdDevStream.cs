using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Statistics;

/// <summary>Streaming <see cref="StdDev"/>; outputs stdDev, mean, zScore.</summary>
public sealed class StdDevStream(int period) : StreamingIndicator
{
    private readonly RingWindow _close = new(period);
    private double _sd = double.NaN;
    private double _mean = double.NaN;
    private double _z = double.NaN;

    public override int WarmUpPeriod => period - 1;

    public override double Output(int column) => column switch
    {
        0 => _sd,
        1 => _mean,
        _ => _z,
    };

    protected override void Update(in Bar bar, bool isNew)
    {
        _close.Update(bar.Close, isNew);
        if (_close.Count < period)
        {
            return;
        }

        var mean = _close.Sum(period) / period;
        var ss = 0.0;
        for (var ago = period - 1; ago >= 0; ago--)
        {
            var d = _close[ago] - mean;
            ss += d * d;
        }

        _sd = Math.Sqrt(ss / period);
        _mean = mean;
        _z = _sd != 0 ? (bar.Close - mean) / _sd : double.NaN;
    }
}
