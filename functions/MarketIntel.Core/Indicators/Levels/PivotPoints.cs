using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Levels;

/// <summary>
/// Pivot points per calendar window: every bar gets the levels of the previous complete window (its high, low and last
/// close); bars of the first window are empty. Weeks start on Monday (ISO); windows use the bars' UTC dates.
/// </summary>
public static class PivotPoints
{
    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "pivotpoints",
        Title = "Pivot points (calendar windows)",
        Category = "levels",
        Parameters = [IndicatorParameter.Choice("window", "month", "day", "week", "month", "year"), IndicatorParameter.Choice("type", "standard", "standard")],
        Outputs = PivotLevels.Columns,
        WarmUp = _ => 1,
        DataDependentWarmUp = true,
        Evaluate = (a, s, _) =>
        {
            var window = a.Choice(0);
            var n = s.Count;
            var r = IndicatorOutput.NewColumns(9, n);
            double h = double.MinValue, l = double.MaxValue, c = 0;
            double ph = double.NaN, pl = double.NaN, pc = double.NaN;
            for (var i = 0; i < n; i++)
            {
                if (i > 0 && Key(s.Time[i], window) != Key(s.Time[i - 1], window))
                {
                    (ph, pl, pc) = (h, l, c);
                    h = double.MinValue;
                    l = double.MaxValue;
                }

                h = Math.Max(h, s.High[i]);
                l = Math.Min(l, s.Low[i]);
                c = s.Close[i];
                if (!double.IsNaN(pc))
                {
                    PivotLevels.Standard(r, i, ph, pl, pc);
                }
            }

            return Out.Many(PivotLevels.Columns, r);
        },
        CreateStream = a => new PivotPointsStream(a.Choice(0)),
    };

    internal static long Key(DateTime t, string window) => window switch
    {
        "day" => t.Date.Ticks,
        "week" => t.Date.AddDays(-(((int)t.DayOfWeek + 6) % 7)).Ticks,
        "month" => (t.Year * 12) + t.Month,
        _ => t.Year,
    };
}
