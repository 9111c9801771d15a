using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Trend;

/// <summary>
/// Ehlers MESA adaptive moving average (MAMA) and its following average (FAMA) of the median price: alpha = fastLimit /
/// phase change, clamped to [slowLimit, fastLimit]. Both start at bar 5 as the mean of the first six median prices.
/// </summary>
public static class Mama
{
    public static readonly string[] Columns = ["mama", "fama"];

    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "mama",
        Title = "MESA adaptive moving average",
        Category = "trend",
        Parameters = [IndicatorParameter.Real("fastLimit", 0.5, 1e-6, 1), IndicatorParameter.Real("slowLimit", 0.05, 1e-6, 1)],
        Outputs = Columns,
        WarmUp = _ => 5,
        Evaluate = (a, s, _) =>
        {
            double fast = a.Real(0), slow = a.Real(1);
            if (slow > fast)
            {
                throw new ArgumentOutOfRangeException("slowLimit", slow, "slowLimit must not exceed fastLimit");
            }

            var n = s.Count;
            var h = HilbertCycle.Compute(s.High, s.Low);
            var r = IndicatorOutput.NewColumns(2, n);
            double mama = 0, fama = 0;
            for (var i = 5; i < n; i++)
            {
                if (i == 5)
                {
                    mama = fama = Window.Sum(h.Price, 5, 6) / 6;
                }
                else
                {
                    var delta = h.Phase[i - 1] - h.Phase[i];
                    delta = delta < 1 ? 1 : delta;
                    var alpha = fast / delta;
                    alpha = alpha < slow ? slow : alpha > fast ? fast : alpha;
                    mama = (alpha * h.Price[i]) + ((1 - alpha) * mama);
                    fama = (0.5 * alpha * mama) + ((1 - (0.5 * alpha)) * fama);
                }

                r[0][i] = mama;
                r[1][i] = fama;
            }

            return Out.Many(Columns, r);
        },
        CreateStream = a => new MamaStream(a.Real(0), a.Real(1)),
    };
}
