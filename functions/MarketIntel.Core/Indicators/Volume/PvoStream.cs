using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Volume;

/// <summary>Streaming <see cref="Pvo"/>; outputs pvo, signal, histogram.</summary>
public sealed class PvoStream(int fast, int slow, int signal) : StreamingIndicator
{
    private readonly ExpCore _fast = new(fast);
    private readonly ExpCore _slow = new(slow);
    private readonly ExpCore _signal = new(signal);
    private double _pvo = double.NaN;

    public override int WarmUpPeriod => slow - 1;

    public override double Output(int column) => column switch
    {
        0 => _pvo,
        1 => _signal.Value,
        _ => _pvo - _signal.Value,
    };

    protected override void Update(in Bar bar, bool isNew)
    {
        var v = (double)bar.Volume;
        var f = _fast.Update(v, isNew);
        var s = _slow.Update(v, isNew);
        _pvo = s != 0 ? 100 * (f - s) / s : double.NaN;
        _signal.Update(_pvo, isNew);
    }
}
