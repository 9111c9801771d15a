using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Momentum;

/// <summary>Streaming <see cref="ElderRay"/>; outputs bullPower, bearPower, ema.</summary>
public sealed class ElderRayStream(int period) : StreamingIndicator
{
    private readonly ExpCore _ema = new(period);
    private double _high;
    private double _low;

    public override int WarmUpPeriod => period - 1;

    public override double Output(int column) => column switch
    {
        0 => _high - _ema.Value,
        1 => _low - _ema.Value,
        _ => _ema.Value,
    };

    protected override void Update(in Bar bar, bool isNew)
    {
        _ema.Update(bar.Close, isNew);
        _high = bar.High;
        _low = bar.Low;
    }
}
