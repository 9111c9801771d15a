using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Volatility;

/// <summary>Streaming <see cref="AtrStop"/>; outputs atrStop, buyStop, sellStop, atr.</summary>
public sealed class AtrStopStream(int period, double multiplier, bool useClose) : TrailingBandStream(period)
{
    protected override (double Upper, double Lower, bool InitiallyBullish) Evaluate(in Bar bar, double atr, double prevClose) =>
        ((useClose ? bar.Close : bar.High) + (multiplier * atr), (useClose ? bar.Close : bar.Low) - (multiplier * atr), bar.Close >= prevClose);
}
