using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Trend;

/// <summary>Streaming <see cref="Mama"/>; outputs mama, fama.</summary>
public sealed class MamaStream(double fastLimit, double slowLimit) : StreamingIndicator
{
    private readonly HilbertCore _h = new();
    private Revisable<(double Mama, double Fama)> _s;

    public override int WarmUpPeriod => 5;

    public override double Output(int column) => _h.Count <= 5 ? double.NaN : column == 0 ? _s.Cur.Mama : _s.Cur.Fama;

    protected override void Update(in Bar bar, bool isNew)
    {
        _h.Update(bar.High, bar.Low, isNew);
        _s.Begin(isNew);
        var i = _h.Count - 1;
        if (i < 5)
        {
            return;
        }

        if (i == 5)
        {
            var m = _h.Price.Sum(6) / 6;
            _s.Cur = (m, m);
            return;
        }

        var delta = _h.PreviousPhase - _h.Phase;
        delta = delta < 1 ? 1 : delta;
        var alpha = fastLimit / delta;
        alpha = alpha < slowLimit ? slowLimit : alpha > fastLimit ? fastLimit : alpha;
        var (mama, fama) = _s.Cur;
        mama = (alpha * _h.Price[0]) + ((1 - alpha) * mama);
        fama = (0.5 * alpha * mama) + ((1 - (0.5 * alpha)) * fama);
        _s.Cur = (mama, fama);
    }
}
