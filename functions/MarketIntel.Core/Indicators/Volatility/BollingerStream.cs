using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Volatility;

/// <summary>Streaming <see cref="BollingerBands"/>; outputs sma, upperBand, lowerBand, percentB, zScore, width.</summary>
public sealed class BollingerStream(int period, double deviations) : StreamingIndicator
{
    private readonly RingWindow _ring = new(period);
    private double _sma = double.NaN;
    private double _upper = double.NaN;
    private double _lower = double.NaN;
    private double _percentB = double.NaN;
    private double _zScore = double.NaN;
    private double _width = double.NaN;

    public override int WarmUpPeriod => period - 1;

    public override double Output(int column) => column switch
    {
        0 => _sma,
        1 => _upper,
        2 => _lower,
        3 => _percentB,
        4 => _zScore,
        _ => _width,
    };

    protected override void Update(in Bar bar, bool isNew)
    {
        _ring.Update(bar.Close, isNew);
        if (_ring.Count < period)
        {
            return;
        }

        var (mean, sd) = BollingerBands.Moments(_ring.Last(period));
        BollingerBands.Bands(bar.Close, mean, sd, deviations, out _sma, out _upper, out _lower, out _percentB, out _zScore, out _width);
    }
}
