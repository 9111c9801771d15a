using MarketIntel.Core.Indicators.Streaming;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Trend;

/// <summary>Streaming <see cref="SuperTrend"/>; outputs superTrend, upperBand, lowerBand.</summary>
public sealed class SuperTrendStream(int period, double multiplier) : TrailingBandStream(period)
{
    protected override (double Upper, double Lower, bool InitiallyBullish) Evaluate(in Bar bar, double atr, double prevClose)
    {
        var mid = (bar.High + bar.Low) / 2;
        return (mid + (multiplier * atr), mid - (multiplier * atr), bar.Close >= mid);
    }
}
