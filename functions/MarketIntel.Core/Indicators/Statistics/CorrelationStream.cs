using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Statistics;

/// <summary>Streaming <see cref="Correlation"/>; outputs correlation, varianceA, varianceB, covariance, rSquared.</summary>
public sealed class CorrelationStream(int period) : PairStreamingIndicator
{
    private readonly RingWindow _a = new(period);
    private readonly RingWindow _b = new(period);
    private (double Cov, double VarA, double VarB, double Corr) _m = (double.NaN, double.NaN, double.NaN, double.NaN);

    public override int WarmUpPeriod => period - 1;

    public override double Output(int column) => column switch
    {
        0 => _m.Corr,
        1 => _m.VarA,
        2 => _m.VarB,
        3 => _m.Cov,
        _ => _m.Corr * _m.Corr,
    };

    protected override void Update(in Bar bar, in Bar market, bool isNew)
    {
        _a.Update(bar.Close, isNew);
        _b.Update(market.Close, isNew);
        if (_a.Count < period)
        {
            return;
        }

        var (cov, va, vb) = Correlation.Moments(_a.Last(period), _b.Last(period), period - 1, period);
        _m = (cov, va, vb, va * vb > 0 ? cov / Math.Sqrt(va * vb) : double.NaN);
    }
}
