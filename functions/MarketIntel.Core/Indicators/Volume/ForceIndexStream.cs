using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Volume;

/// <summary>Streaming <see cref="ForceIndex"/>.</summary>
public sealed class ForceIndexStream(int period) : StreamingIndicator
{
    private readonly ExpCore _ema = new(period);
    private Revisable<(int N, double Close)> _s;

    public override int WarmUpPeriod => period;

    public override double Output(int column) => _ema.Value;

    protected override void Update(in Bar bar, bool isNew)
    {
        _s.Begin(isNew);
        var (n, pc) = _s.Cur;
        _s.Cur = (n + 1, bar.Close);
        _ema.Update(n > 0 ? (bar.Close - pc) * (double)bar.Volume : double.NaN, isNew);
    }
}
