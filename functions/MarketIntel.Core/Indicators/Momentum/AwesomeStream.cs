using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Momentum;

/// <summary>Streaming <see cref="Awesome"/>; outputs oscillator, normalized.</summary>
public sealed class AwesomeStream(int fast, int slow) : StreamingIndicator
{
    private readonly RingWindow _hl2 = new(slow);
    private double _osc = double.NaN;
    private double _normalized = double.NaN;

    public override int WarmUpPeriod => slow - 1;

    public override double Output(int column) => column == 0 ? _osc : _normalized;

    protected override void Update(in Bar bar, bool isNew)
    {
        var hl2 = (bar.High + bar.Low) / 2;
        _hl2.Update(hl2, isNew);
        if (_hl2.Count >= slow)
        {
            _osc = (_hl2.Sum(fast) / fast) - (_hl2.Sum(slow) / slow);
            _normalized = 100 * _osc / hl2;
        }
    }
}
