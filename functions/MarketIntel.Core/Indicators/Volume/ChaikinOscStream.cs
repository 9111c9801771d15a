using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Volume;

/// <summary>Streaming <see cref="ChaikinOsc"/>; outputs oscillator, adl, moneyFlowMultiplier, moneyFlowVolume, fastEma, slowEma.</summary>
public sealed class ChaikinOscStream(int fast, int slow) : StreamingIndicator
{
    private readonly AdlStream _adl = new();
    private readonly ExpCore _fast = new(fast);
    private readonly ExpCore _slow = new(slow);

    public override int WarmUpPeriod => slow - 1;

    public override double Output(int column) => column switch
    {
        0 => _fast.Value - _slow.Value,
        1 => _adl.Output(0),
        2 => _adl.Output(1),
        3 => _adl.Output(2),
        4 => _fast.Value,
        _ => _slow.Value,
    };

    protected override void Update(in Bar bar, bool isNew)
    {
        if (isNew)
        {
            _adl.Add(bar);
        }
        else
        {
            _adl.Revise(bar);
        }

        _fast.Update(_adl.Value, isNew);
        _slow.Update(_adl.Value, isNew);
    }
}
