using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Trend;

/// <summary>Streaming <see cref="Trix"/>; outputs trix, ema3.</summary>
public sealed class TrixStream(int period) : StreamingIndicator
{
    private readonly ExpCore _e1 = new(period);
    private readonly ExpCore _e2 = new(period, SmoothingMode.EmaFromFirst);
    private readonly ExpCore _e3 = new(period, SmoothingMode.EmaFromFirst);
    private Revisable<(int N, double Prev, double Last)> _s;

    public override int WarmUpPeriod => period;

    public override double Output(int column)
    {
        var (n, prev, last) = _s.Cur;
        if (n <= period)
        {
            return double.NaN;
        }

        return column == 0 ? 100 * (last - prev) / prev : last;
    }

    protected override void Update(in Bar bar, bool isNew)
    {
        var e3 = _e3.Update(_e2.Update(_e1.Update(bar.Close, isNew), isNew), isNew);
        _s.Begin(isNew);
        _s.Cur = (_s.Cur.N + 1, _s.Cur.Last, e3);
    }
}
