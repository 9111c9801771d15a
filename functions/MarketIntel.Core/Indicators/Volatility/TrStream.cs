using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Volatility;

/// <summary>Streaming <see cref="Tr"/>.</summary>
public sealed class TrStream : StreamingIndicator
{
    private Revisable<(int N, double Close)> _s;
    private double _tr = double.NaN;

    public override int WarmUpPeriod => 1;

    public override double Output(int column) => _tr;

    protected override void Update(in Bar bar, bool isNew)
    {
        _s.Begin(isNew);
        var (n, pc) = _s.Cur;
        _tr = n > 0 ? Common.Window.TrueRange(bar.High, bar.Low, pc) : double.NaN;
        _s.Cur = (n + 1, bar.Close);
    }
}
