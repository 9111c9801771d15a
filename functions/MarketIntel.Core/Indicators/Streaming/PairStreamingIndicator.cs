using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Streaming;

/// <summary>
/// A two-series indicator fed one pair of bars at a time (the evaluated bar and the market bar of the same timestamp);
/// <see cref="Revise"/> replaces the last pair, like <see cref="StreamingIndicator.Revise"/>.
/// </summary>
public abstract class PairStreamingIndicator
{
    public abstract int WarmUpPeriod { get; }

    public int Count { get; private set; }

    public bool IsReady => !double.IsNaN(Output(0));

    public void Add(in Bar bar, in Bar market)
    {
        Validate(bar, market);
        Count++;
        Update(bar, market, true);
    }

    public void Revise(in Bar bar, in Bar market)
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("there is no bar to revise yet");
        }

        Validate(bar, market);
        Update(bar, market, false);
    }

    public abstract double Output(int column);

    protected abstract void Update(in Bar bar, in Bar market, bool isNew);

    private static void Validate(in Bar bar, in Bar market)
    {
        if (bar.OpenTime != market.OpenTime)
        {
            throw new ArgumentException($"the bars are not aligned: {bar.OpenTime:O} vs market {market.OpenTime:O}", nameof(market));
        }

        if (!(bar.Close > 0 && market.Close > 0) || double.IsInfinity(bar.Close + market.Close))
        {
            throw new ArgumentException($"bar {bar.OpenTime:O}: closes must be finite and positive", nameof(bar));
        }
    }
}
