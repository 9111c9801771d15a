using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Momentum;

/// <summary>Streaming <see cref="Stc"/>.</summary>
public sealed class StcStream(int cycle, int fast, int slow) : StreamingIndicator
{
    private readonly ExpCore _fast = new(fast);
    private readonly ExpCore _slow = new(slow);
    private readonly WindowCore _macd = new(cycle);
    private readonly WindowCore _k = new(3);
    private double _value = double.NaN;

    public override int WarmUpPeriod => slow + cycle;

    public override double Output(int column) => _value;

    protected override void Update(in Bar bar, bool isNew)
    {
        var macd = _fast.Update(bar.Close, isNew) - _slow.Update(bar.Close, isNew);
        var raw = double.NaN;
        if (_macd.Update(macd, isNew))
        {
            var hh = _macd.Ring.Max(cycle);
            var ll = _macd.Ring.Min(cycle);
            raw = hh - ll != 0 ? 100 * (macd - ll) / (hh - ll) : 0;
        }

        _value = _k.Update(raw, isNew) ? _k.Sma() : double.NaN;
    }
}
