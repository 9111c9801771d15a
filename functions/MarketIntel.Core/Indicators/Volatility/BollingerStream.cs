using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Volatility;

/// <summary>Streaming <see cref="BollingerBands"/>; outputs sma, upperBand, lowerBand, percentB, zScore, width.</summary>
public sealed class BollingerStream(int period, double deviations) : StreamingIndicator
{
    private readonly RingWindow _ring = new(period);
    private double _mean = double.NaN;
    private double _sd = double.NaN;
    private double _close;

    public override int WarmUpPeriod => period - 1;

    public override double Output(int column)
    {
        var upper = _mean + (deviations * _sd);
        var lower = _mean - (deviations * _sd);
        return column switch
        {
            0 => _mean,
            1 => upper,
            2 => lower,
            3 => _sd > 0 ? (_close - lower) / (upper - lower) : double.NaN,
            4 => _sd > 0 ? (_close - _mean) / _sd : double.NaN,
            _ => (upper - lower) / _mean,
        };
    }

    protected override void Update(in Bar bar, bool isNew)
    {
        _close = bar.Close;
        _ring.Update(bar.Close, isNew);
        if (_ring.Count < period)
        {
            return;
        }

        var mean = _ring.Sum(period) / period;
        var ss = 0.0;
        for (var ago = period - 1; ago >= 0; ago--)
        {
            var d = _ring[ago] - mean;
            ss += d * d;
        }

        _mean = mean;
        _sd = Math.Sqrt(ss / period);
    }
}
