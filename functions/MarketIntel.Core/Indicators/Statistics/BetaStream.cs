using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Statistics;

/// <summary>Streaming <see cref="Beta"/>; outputs as the catalog (beta, betaUp, betaDown, ratio, convexity, returnsEval, returnsMrkt).</summary>
public sealed class BetaStream(int period) : PairStreamingIndicator
{
    private readonly RingWindow _eval = new(period);
    private readonly RingWindow _market = new(period);
    private Revisable<(int N, double Eval, double Market)> _s;
    private double _beta = double.NaN;

    public override int WarmUpPeriod => period;

    public override double Output(int column) => _s.Cur.N == 0 ? double.NaN : column switch
    {
        0 => _beta,
        5 => _eval[0],
        6 => _market[0],
        _ => double.NaN,
    };

    protected override void Update(in Bar bar, in Bar market, bool isNew)
    {
        _s.Begin(isNew);
        var (n, pe, pm) = _s.Cur;
        _s.Cur = (n + 1, bar.Close, market.Close);
        _eval.Update(n == 0 ? 0 : (bar.Close / pe) - 1, isNew);
        _market.Update(n == 0 ? 0 : (market.Close / pm) - 1, isNew);
        _beta = double.NaN;
        if (n >= period)
        {
            var (cov, _, varM) = Correlation.Moments(_eval.Last(period), _market.Last(period), period - 1, period);
            _beta = varM != 0 ? cov / varM : double.NaN;
        }
    }
}
