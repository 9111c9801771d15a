using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Trend;

/// <summary>Williams alligator: SMMAs of the median price (H+L)/2, each shifted forward by its offset.</summary>
public static class Alligator
{
    public static readonly string[] Columns = ["jaw", "teeth", "lips"];

    public static IReadOnlyList<IndicatorParameter> Parameters { get; } =
    [
        IndicatorParameter.Int("jawPeriod", 13), IndicatorParameter.Int("jawOffset", 8, 0),
        IndicatorParameter.Int("teethPeriod", 8), IndicatorParameter.Int("teethOffset", 5, 0),
        IndicatorParameter.Int("lipsPeriod", 5), IndicatorParameter.Int("lipsOffset", 3, 0),
    ];

    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "alligator",
        Title = "Williams alligator",
        Category = "trend",
        Parameters = Parameters,
        Outputs = Columns,
        WarmUp = a => a.Int(0) + a.Int(1) - 1,
        Evaluate = (a, s, _) => Out.Many(Columns, Compute(s.High, s.Low, a)),
        CreateStream = a => new AlligatorStream(a.Int(0), a.Int(1), a.Int(2), a.Int(3), a.Int(4), a.Int(5)),
    };

    internal static double[][] Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, IndicatorArguments a) =>
        Compute(high, low, a.Int(0), a.Int(1), a.Int(2), a.Int(3), a.Int(4), a.Int(5));

    public static double[][] Compute(ReadOnlySpan<double> high, ReadOnlySpan<double> low, int jawPeriod, int jawOffset, int teethPeriod, int teethOffset, int lipsPeriod, int lipsOffset)
    {
        var n = high.Length;
        var hl2 = new double[n];
        for (var i = 0; i < n; i++)
        {
            hl2[i] = (high[i] + low[i]) / 2;
        }

        return [Shifted(hl2, jawPeriod, jawOffset), Shifted(hl2, teethPeriod, teethOffset), Shifted(hl2, lipsPeriod, lipsOffset)];
    }

    private static double[] Shifted(double[] src, int period, int offset)
    {
        var n = src.Length;
        var s = Out.New(n);
        Ma.Wilder(src, period, s);
        var r = Out.New(n);
        for (var i = offset; i < n; i++)
        {
            r[i] = s[i - offset];
        }

        return r;
    }
}
