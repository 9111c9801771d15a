using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Statistics;

/// <summary>Streaming <see cref="Slope"/>; outputs slope, intercept, stdDev, rSquared, line (line is drawn only in batch: always NaN here).</summary>
public sealed class SlopeStream(int period) : StreamingIndicator
{
    private readonly RingWindow _close = new(period);
    private (double Slope, double Intercept, double StdDevY, double RSquared) _fit = (double.NaN, double.NaN, double.NaN, double.NaN);

    public override int WarmUpPeriod => period - 1;

    public override double Output(int column) => column switch
    {
        0 => _fit.Slope,
        1 => _fit.Intercept,
        2 => _fit.StdDevY,
        3 => _fit.RSquared,
        _ => double.NaN,
    };

    protected override void Update(in Bar bar, bool isNew)
    {
        _close.Update(bar.Close, isNew);
        if (_close.Count >= period)
        {
            _fit = Slope.Fit(_close.Last(period), Count - period + 1);
        }
    }
}
