using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Transforms;

/// <summary>Streaming <see cref="BarPart"/>.</summary>
public sealed class BarPartStream(PricePart part) : StreamingIndicator
{
    private double _value = double.NaN;

    public override int WarmUpPeriod => 0;

    public override double Output(int column) => _value;

    protected override void Update(in Bar bar, bool isNew) =>
        _value = PriceParts.Value(part, bar.Open, bar.High, bar.Low, bar.Close, (double)bar.Volume);
}
