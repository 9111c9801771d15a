using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Trend;

/// <summary>Streaming <see cref="HtTrendline"/>; outputs trendline, dcPeriods, smoothPrice.</summary>
public sealed class HtTrendlineStream : StreamingIndicator
{
    private readonly HilbertCore _h = new();
    private readonly RingWindow _it = new(4);
    private double _trend = double.NaN;
    private double _dc = double.NaN;
    private double _smooth = double.NaN;

    public override int WarmUpPeriod => 0;

    public override double Output(int column) => column switch
    {
        0 => _trend,
        1 => _dc,
        _ => _smooth,
    };

    protected override void Update(in Bar bar, bool isNew)
    {
        _h.Update(bar.High, bar.Low, isNew);
        var i = _h.Count - 1;
        var p = _h.Price[0];
        if (i <= 5)
        {
            _it.Update(p, isNew);
            _trend = p;
            _dc = _smooth = double.NaN;
            return;
        }

        var dc = (int)(_h.SmoothPeriod + 0.5);
        var sum = 0.0;
        for (var d = i - dc + 1; d <= i; d++)
        {
            sum += d >= 0 ? _h.Price[i - d] : _h.FirstPrice;
        }

        _it.Update(dc > 0 ? sum / dc : p, isNew);
        _dc = dc > 0 ? dc : double.NaN;
        _trend = i >= 11 ? ((4 * _it[0]) + (3 * _it[1]) + (2 * _it[2]) + _it[3]) / 10 : p;
        _smooth = _h.Smooth;
    }
}
