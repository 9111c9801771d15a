using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Indicators.Common;

namespace MarketIntel.Core.Indicators.Trend;

/// <summary>Gator oscillator: |jaw - teeth| above zero, -|teeth - lips| below, and whether each grew since the previous bar.</summary>
public static class Gator
{
    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "gator",
        Title = "Gator oscillator",
        Category = "trend",
        Parameters = Alligator.Parameters,
        Outputs = ["upper", "lower", "upperIsExpanding", "lowerIsExpanding"],
        WarmUp = a => a.Int(0) + a.Int(1) - 1,
        Evaluate = (a, s, _) =>
        {
            var al = Alligator.Compute(s.High, s.Low, a);
            var n = s.Count;
            var upper = Out.New(n);
            var lower = Out.New(n);
            var ue = Out.New(n);
            var le = Out.New(n);
            for (var i = 0; i < n; i++)
            {
                upper[i] = Math.Abs(al[0][i] - al[1][i]);
                lower[i] = -Math.Abs(al[1][i] - al[2][i]);
                if (i > 0 && !double.IsNaN(upper[i - 1]) && !double.IsNaN(upper[i]))
                {
                    ue[i] = upper[i] > upper[i - 1] ? 1 : 0;
                }

                if (i > 0 && !double.IsNaN(lower[i - 1]) && !double.IsNaN(lower[i]))
                {
                    le[i] = -lower[i] > -lower[i - 1] ? 1 : 0;
                }
            }

            return new IndicatorOutput([new IndicatorColumn("upper", upper), new IndicatorColumn("lower", lower),
                new IndicatorColumn("upperIsExpanding", ue, IndicatorColumnKind.Boolean), new IndicatorColumn("lowerIsExpanding", le, IndicatorColumnKind.Boolean)]);
        },
        CreateStream = a => new GatorStream(a.Int(0), a.Int(1), a.Int(2), a.Int(3), a.Int(4), a.Int(5)),
    };
}
