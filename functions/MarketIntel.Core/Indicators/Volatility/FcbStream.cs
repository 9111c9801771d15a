using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Volatility;

/// <summary>Streaming <see cref="Fcb"/>: a fractal <c>span</c> bars back is confirmed by the current bar; outputs upperBand, lowerBand.</summary>
public sealed class FcbStream(int span) : StreamingIndicator
{
    private readonly RingWindow _high = new((2 * span) + 1);
    private readonly RingWindow _low = new((2 * span) + 1);
    private Revisable<(double Upper, double Lower)> _s = new() { Cur = (double.NaN, double.NaN), Prev = (double.NaN, double.NaN) };
    private bool _ready;

    public override int WarmUpPeriod => 2 * span;

    public override double Output(int column) => !_ready ? double.NaN : column == 0 ? _s.Cur.Upper : _s.Cur.Lower;

    protected override void Update(in Bar bar, bool isNew)
    {
        _high.Update(bar.High, isNew);
        _low.Update(bar.Low, isNew);
        _s.Begin(isNew);
        _ready = _high.Count > 2 * span;
        if (!_ready)
        {
            return;
        }

        bool bear = true, bull = true;
        var h = _high[span];
        var l = _low[span];
        for (var ago = 2 * span; ago >= 0; ago--)
        {
            if (ago != span)
            {
                bear &= h > _high[ago];
                bull &= l < _low[ago];
            }
        }

        var (up, lo) = _s.Cur;
        _s.Cur = (bear ? h : up, bull ? l : lo);
    }
}
