using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Statistics;

/// <summary>Streaming <see cref="Prs"/>; outputs prs, prsPercent.</summary>
public sealed class PrsStream(int period) : PairStreamingIndicator
{
    private readonly RingWindow _a = new(period + 1);
    private readonly RingWindow _b = new(period + 1);

    public override int WarmUpPeriod => 0;

    public override double Output(int column)
    {
        if (_a.Count == 0)
        {
            return double.NaN;
        }

        if (column == 0)
        {
            return _a[0] / _b[0];
        }

        return _a.Count > period ? ((_a[0] - _a[period]) / _a[period]) - ((_b[0] - _b[period]) / _b[period]) : double.NaN;
    }

    protected override void Update(in Bar bar, in Bar market, bool isNew)
    {
        _a.Update(bar.Close, isNew);
        _b.Update(market.Close, isNew);
    }
}
