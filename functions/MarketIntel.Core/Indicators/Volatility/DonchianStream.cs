using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Volatility;

/// <summary>Streaming <see cref="Donchian"/>; outputs upperBand, centerline, lowerBand, width.</summary>
public sealed class DonchianStream(int period) : StreamingIndicator
{
    private readonly RingWindow _high = new(period + 1);
    private readonly RingWindow _low = new(period + 1);
    private double _upper = double.NaN;
    private double _lower = double.NaN;

    public override int WarmUpPeriod => period;

    public override double Output(int column)
    {
        var c = (_upper + _lower) / 2;
        return column switch
        {
            0 => _upper,
            1 => c,
            2 => _lower,
            _ => (_upper - _lower) / c,
        };
    }

    protected override void Update(in Bar bar, bool isNew)
    {
        _high.Update(bar.High, isNew);
        _low.Update(bar.Low, isNew);
        if (_high.Count <= period)
        {
            return;
        }

        double u = double.MinValue, l = double.MaxValue;
        for (var ago = period; ago >= 1; ago--)
        {
            u = Math.Max(u, _high[ago]);
            l = Math.Min(l, _low[ago]);
        }

        _upper = u;
        _lower = l;
    }
}
