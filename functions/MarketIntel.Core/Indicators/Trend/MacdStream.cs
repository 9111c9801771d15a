using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Trend;

/// <summary>Streaming <see cref="Macd"/>; outputs macd, signal, histogram, fastEma, slowEma.</summary>
public sealed class MacdStream(int fast, int slow, int signal) : StreamingIndicator
{
    private readonly ExpCore _fast = new(fast);
    private readonly ExpCore _slow = new(slow);
    private readonly ExpCore _signal = new(signal);
    private double _macd = double.NaN;

    public override int WarmUpPeriod => slow - 1;

    public override double Output(int column) => column switch
    {
        0 => _macd,
        1 => _signal.Value,
        2 => _macd - _signal.Value,
        3 => _fast.Value,
        _ => _slow.Value,
    };

    protected override void Update(in Bar bar, bool isNew)
    {
        var f = _fast.Update(bar.Close, isNew);
        var s = _slow.Update(bar.Close, isNew);
        _macd = f - s;
        _signal.Update(_macd, isNew);
    }
}
