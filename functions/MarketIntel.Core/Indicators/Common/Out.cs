namespace MarketIntel.Core.Indicators.Common;

/// <summary>Small constructors for catalog outputs.</summary>
internal static class Out
{
    public static IndicatorOutput One(string name, double[] values) => new([new IndicatorColumn(name, values)]);

    public static IndicatorOutput Many(string[] names, params double[][] values) => IndicatorOutput.Numbers(names, values);

    public static double[] New(int n) => IndicatorOutput.NewColumn(n);
}
