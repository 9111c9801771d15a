using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Trend;

/// <summary>
/// Streaming <see cref="Ichimoku"/>; outputs tenkanSen, kijunSen, senkouSpanA, senkouSpanB, chikouSpan. The chikou span is
/// the close <c>kijun</c> bars in the future, which a stream cannot know: it is always NaN here.
/// </summary>
public sealed class IchimokuStream(int tenkan, int kijun, int senkouB) : StreamingIndicator
{
    private readonly RingWindow _high = new(Math.Max(tenkan, Math.Max(kijun, senkouB)));
    private readonly RingWindow _low = new(Math.Max(tenkan, Math.Max(kijun, senkouB)));
    private readonly RingWindow _tenkan = new(kijun + 1);
    private readonly RingWindow _kijun = new(kijun + 1);
    private readonly RingWindow _spanB = new(kijun + 1);

    public override int WarmUpPeriod => tenkan - 1;

    public override double Output(int column) => column switch
    {
        0 => _tenkan[0],
        1 => _kijun[0],
        2 => _tenkan.Count > kijun ? (_tenkan[kijun] + _kijun[kijun]) / 2 : double.NaN,
        3 => _spanB.Count > kijun ? _spanB[kijun] : double.NaN,
        _ => double.NaN,
    };

    protected override void Update(in Bar bar, bool isNew)
    {
        _high.Update(bar.High, isNew);
        _low.Update(bar.Low, isNew);
        var n = _high.Count;
        _tenkan.Update(n >= tenkan ? (_high.Max(tenkan) + _low.Min(tenkan)) / 2 : double.NaN, isNew);
        _kijun.Update(n >= kijun ? (_high.Max(kijun) + _low.Min(kijun)) / 2 : double.NaN, isNew);
        _spanB.Update(n >= senkouB ? (_high.Max(senkouB) + _low.Min(senkouB)) / 2 : double.NaN, isNew);
    }
}
