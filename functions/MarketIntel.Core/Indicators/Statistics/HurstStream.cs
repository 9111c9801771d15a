using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Statistics;

/// <summary>Streaming <see cref="Hurst"/> (recomputes the rescaled-range fit over the window each bar).</summary>
public sealed class HurstStream(int period) : StreamingIndicator
{
    private readonly RingWindow _returns = new(period);
    private Revisable<(int N, double Close)> _s;
    private (double Raw, double Corrected) _value = (double.NaN, double.NaN);

    public override int WarmUpPeriod => period;

    public override double Output(int column) => column == 0 ? _value.Raw : _value.Corrected;

    protected override void Update(in Bar bar, bool isNew)
    {
        _s.Begin(isNew);
        var (n, pc) = _s.Cur;
        _s.Cur = (n + 1, bar.Close);
        if (n == 0)
        {
            return;
        }

        _returns.Update(Math.Log(bar.Close / pc), isNew);
        _value = _returns.Count >= period ? Hurst.Exponents(_returns.Last(period)) : (double.NaN, double.NaN);
    }
}
