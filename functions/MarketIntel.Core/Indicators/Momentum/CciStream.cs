using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Momentum;

/// <summary>Streaming <see cref="Cci"/>.</summary>
public sealed class CciStream(int period) : StreamingIndicator
{
    private readonly RingWindow _tp = new(period);
    private double _value = double.NaN;

    public override int WarmUpPeriod => period - 1;

    public override double Output(int column) => _value;

    protected override void Update(in Bar bar, bool isNew)
    {
        var tp = (bar.High + bar.Low + bar.Close) / 3;
        _tp.Update(tp, isNew);
        if (_tp.Count < period)
        {
            return;
        }

        var mean = _tp.Sum(period) / period;
        var dev = 0.0;
        for (var ago = period - 1; ago >= 0; ago--)
        {
            dev += Math.Abs(_tp[ago] - mean);
        }

        dev /= period;
        _value = dev != 0 ? (tp - mean) / (0.015 * dev) : double.NaN;
    }
}
