using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Trend;

/// <summary>Streaming <see cref="Alma"/>.</summary>
public sealed class AlmaStream : StreamingIndicator
{
    private readonly int _period;
    private readonly double[] _weights;
    private readonly double _norm;
    private readonly RingWindow _close;
    private double _value = double.NaN;

    public AlmaStream(int period, double offset, double sigma)
    {
        _period = period;
        _close = new RingWindow(period);
        _weights = Alma.Weights(period, offset, sigma, out _norm);
    }

    public override int WarmUpPeriod => _period - 1;

    public override double Output(int column) => _value;

    protected override void Update(in Bar bar, bool isNew)
    {
        _close.Update(bar.Close, isNew);
        if (_close.Count < _period)
        {
            return;
        }

        var sum = 0.0;
        for (var j = 0; j < _period; j++)
        {
            sum += _weights[j] * _close[_period - 1 - j];
        }

        _value = sum / _norm;
    }
}
