using MarketIntel.Core.Indicators.Catalog;

namespace MarketIntel.Core.Indicators.Patterns;

/// <summary>
/// Zig zag: swing highs (H) and lows (L) that reverse by at least <c>percent</c>, joined by straight lines, plus lines
/// through consecutive highs (retraceHigh) and consecutive lows (retraceLow). The first leg from the first bar is only
/// a trend guess, so output starts at the first confirmed point (the reference's convention); the last leg runs to the
/// last bar (its high/low/close as the leg's direction says). Points are confirmed later, so it repaints by design.
/// </summary>
public static class ZigZag
{
    private static readonly string[] PointLabels = ["H", "L"];

    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "zigzag",
        Title = "Zig zag",
        Category = "patterns",
        Parameters = [IndicatorParameter.Choice("endType", "close", "close", "highlow"), IndicatorParameter.Real("percent", 5, 1e-6, 200)],
        Outputs = ["zigZag", "pointType", "retraceHigh", "retraceLow"],
        WarmUp = _ => 1,
        DataDependentWarmUp = true,
        Evaluate = (a, s, _) => Compute(s, a.Choice(0) == "close", a.Real(1) / 100),
    };

    private static IndicatorOutput Compute(BarSeries s, bool useClose, double pct)
    {
        var n = s.Count;
        var hi = useClose ? s.Close : s.High;
        var lo = useClose ? s.Close : s.Low;
        var points = new List<(int Index, double Value, bool IsHigh)>();
        var dir = 0;
        var cand = 0;
        for (var i = 1; i < n; i++)
        {
            if (dir == 0)
            {
                var start = s.Close[0];
                if (hi[i] >= start * (1 + pct))
                {
                    dir = 1;
                    cand = ArgMax(hi, 0, i);
                }
                else if (lo[i] <= start * (1 - pct))
                {
                    dir = -1;
                    cand = ArgMin(lo, 0, i);
                }
            }
            else if (dir > 0)
            {
                if (hi[i] > hi[cand])
                {
                    cand = i;
                }
                else if (lo[i] <= hi[cand] * (1 - pct))
                {
                    points.Add((cand, hi[cand], true));
                    dir = -1;
                    cand = ArgMin(lo, cand + 1, i);
                }
            }
            else
            {
                if (lo[i] < lo[cand])
                {
                    cand = i;
                }
                else if (hi[i] >= lo[cand] * (1 + pct))
                {
                    points.Add((cand, lo[cand], false));
                    dir = 1;
                    cand = ArgMax(hi, cand + 1, i);
                }
            }
        }

        var r = IndicatorOutput.NewColumns(4, n);
        if (points.Count > 0 && points[^1].Index < n - 1)
        {
            var up = !points[^1].IsHigh;
            var end = (n - 1, up ? hi[n - 1] : lo[n - 1], up);
            Draw(r[0], points, end, null);
            Draw(r[2], points, end, true);
            Draw(r[3], points, end, false);
        }
        else if (points.Count > 0)
        {
            Draw(r[0], points, null, null);
            Draw(r[2], points, null, true);
            Draw(r[3], points, null, false);
        }

        foreach (var p in points)
        {
            r[1][p.Index] = p.IsHigh ? 0 : 1;
        }

        return new IndicatorOutput([new IndicatorColumn("zigZag", r[0]), new IndicatorColumn("pointType", r[1], IndicatorColumnKind.Label, PointLabels),
            new IndicatorColumn("retraceHigh", r[2]), new IndicatorColumn("retraceLow", r[3])]);
    }

    /// <summary>Lines through the points (all, or only highs/lows), ending at <paramref name="end"/> when given.</summary>
    private static void Draw(double[] line, List<(int Index, double Value, bool IsHigh)> points, (int Index, double Value, bool IsHigh)? end, bool? kind)
    {
        var chosen = new List<(int Index, double Value)>();
        foreach (var p in points)
        {
            if (kind is null || p.IsHigh == kind)
            {
                chosen.Add((p.Index, p.Value));
            }
        }

        if (end is { } e && (kind is null || e.IsHigh == kind))
        {
            chosen.Add((e.Index, e.Value));
        }

        for (var k = 0; k < chosen.Count; k++)
        {
            line[chosen[k].Index] = chosen[k].Value;
            if (k == 0)
            {
                continue;
            }

            var (i0, v0) = chosen[k - 1];
            var (i1, v1) = chosen[k];
            var slope = (v1 - v0) / (i1 - i0);
            for (var j = i0 + 1; j < i1; j++)
            {
                line[j] = v0 + (slope * (j - i0));
            }
        }
    }

    private static int ArgMax(double[] x, int from, int to)
    {
        var m = from;
        for (var j = from + 1; j <= to; j++)
        {
            if (x[j] > x[m])
            {
                m = j;
            }
        }

        return m;
    }

    private static int ArgMin(double[] x, int from, int to)
    {
        var m = from;
        for (var j = from + 1; j <= to; j++)
        {
            if (x[j] < x[m])
            {
                m = j;
            }
        }

        return m;
    }
}
