using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Levels;

/// <summary>Streaming <see cref="RollingPivots"/>; outputs pP, s1..s4, r1..r4.</summary>
public sealed class RollingPivotsStream(int window, int offset) : StreamingIndicator
{
    private readonly double[][] _levels = IndicatorOutput.NewColumns(9, 1);
    private readonly RingWindow _high = new(window + offset + 1);
    private readonly RingWindow _low = new(window + offset + 1);
    private readonly RingWindow _close = new(window + offset + 1);

    public override int WarmUpPeriod => window + offset;

    public override double Output(int column) => _levels[column][0];

    protected override void Update(in Bar bar, bool isNew)
    {
        _high.Update(bar.High, isNew);
        _low.Update(bar.Low, isNew);
        _close.Update(bar.Close, isNew);
        if (_high.Count <= window + offset)
        {
            return;
        }

        double h = double.MinValue, l = double.MaxValue;
        for (var ago = offset + window; ago > offset; ago--)
        {
            h = Math.Max(h, _high[ago]);
            l = Math.Min(l, _low[ago]);
        }

        PivotLevels.Standard(_levels, 0, h, l, _close[offset + 1]);
    }
}
