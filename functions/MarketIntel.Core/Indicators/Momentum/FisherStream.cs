using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Momentum;

/// <summary>Streaming <see cref="Fisher"/>; outputs fisher, trigger.</summary>
public sealed class FisherStream(int period) : StreamingIndicator
{
    private readonly RingWindow _price = new(period);
    private Revisable<(int N, double Xv, double Fisher, double Trigger)> _s;

    public override int WarmUpPeriod => 0;

    public override double Output(int column) => _s.Cur.N == 0 ? double.NaN : column == 0 ? _s.Cur.Fisher : _s.Cur.Trigger;

    protected override void Update(in Bar bar, bool isNew)
    {
        var price = (bar.High + bar.Low) / 2;
        _price.Update(price, isNew);
        _s.Begin(isNew);
        var (n, xv, fisher, _) = _s.Cur;
        if (n == 0)
        {
            _s.Cur = (1, 0, 0, double.NaN);
            return;
        }

        var w = Math.Min(period, n + 1);
        var max = _price.Max(w);
        var min = _price.Min(w);
        xv = max != min ? (0.33 * 2 * (((price - min) / (max - min)) - 0.5)) + (0.67 * xv) : 0;
        xv = xv > 0.99 ? 0.999 : xv < -0.99 ? -0.999 : xv;
        var trigger = fisher;
        fisher = (0.5 * Math.Log((1 + xv) / (1 - xv))) + (0.5 * fisher);
        _s.Cur = (n + 1, xv, fisher, trigger);
    }
}
