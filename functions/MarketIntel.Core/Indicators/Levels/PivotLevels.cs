namespace MarketIntel.Core.Indicators.Levels;

/// <summary>Floor-trader pivot levels from a window's high, low and close (standard formulas; S4/R4 do not exist there).</summary>
internal static class PivotLevels
{
    public static readonly string[] Columns = ["pP", "s1", "s2", "s3", "s4", "r1", "r2", "r3", "r4"];

    /// <summary>Writes PP, S1..S4, R1..R4 of row <paramref name="i"/> (S4/R4 stay NaN for the standard type).</summary>
    public static void Standard(double[][] r, int i, double high, double low, double close)
    {
        var pp = (high + low + close) / 3;
        r[0][i] = pp;
        r[1][i] = (pp * 2) - high;
        r[2][i] = pp - (high - low);
        r[3][i] = low - (2 * (high - pp));
        r[5][i] = (pp * 2) - low;
        r[6][i] = pp + (high - low);
        r[7][i] = high + (2 * (pp - low));
    }
}
