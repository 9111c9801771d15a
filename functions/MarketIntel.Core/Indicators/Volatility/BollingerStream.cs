using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Volatility;

/// <summary>Streaming <see cref="BollingerBands"/>; outputs sma, upperBand, lowerBand, percentB, zScore, width.</summary>
public sealed class BollingerStream(int period, double deviations) : StreamingIndicator
{
    private readonly RingWindow _ring = new(period + 1);
    private Revisable<BollingerKernel> _kernel;
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
        _kernel.Begin(isNew);
        var count = Math.Min(_ring.Count, period);
        _kernel.Cur.Push(bar.Close, _ring.Count > period ? _ring[period] : 0, _ring.Last(count), period, out var mean, out var sd);
        if (_ring.Count >= period)
        {
            BollingerBands.Bands(bar.Close, mean, sd, deviations, out _sma, out _upper, out _lower, out _percentB, out _zScore, out _width);
        }
    }
}
