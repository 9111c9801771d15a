namespace MarketIntel.Core.Indicators.Common;

/// <summary>
/// The trailing-band rule of SuperTrend and the ATR stop: a band only tightens while the previous close stays inside it,
/// and the trend turns bearish when the close reaches the active band (lower in an uptrend, upper in a downtrend).
/// </summary>
internal static class TrailingBands
{
    public static void Trail(ref double upper, ref double lower, double upperEval, double lowerEval, double prevClose)
    {
        upper = upperEval < upper || prevClose > upper ? upperEval : upper;
        lower = lowerEval > lower || prevClose < lower ? lowerEval : lower;
    }

    public static bool IsBullish(bool wasBullish, double close, double upper, double lower) => !(close <= (wasBullish ? lower : upper));
}
