using System.Globalization;
using MarketIntel.Core.Indicators.Catalog;

namespace MarketIntel.Core.Indicators.Transforms;

/// <summary>
/// Renko bricks from closes. The first brick's base is the first close rounded to the brick size's decimal places; a
/// new brick needs a close one full brick beyond the last brick's top (up) or bottom (down), and one bar may lay
/// several. Each brick carries the high, low and volume accumulated since the previous brick's bar (bricks of the same
/// bar share the high and low and split the volume evenly). Brick arithmetic is decimal so that bricks land exactly on their grid.
/// </summary>
public static class Renko
{
    public static readonly string[] Columns = ["open", "high", "low", "close", "volume", "isUp"];

    public static IndicatorDefinition Definition { get; } = new()
    {
        Name = "renko",
        Title = "Renko bricks (fixed size)",
        Category = "transforms",
        Parameters = [IndicatorParameter.Real("brickSize", 1, 1e-9, 1e9), IndicatorParameter.Choice("endType", "close", "close")],
        Outputs = Columns,
        WarmUp = _ => 0,
        DataDependentWarmUp = true,
        Evaluate = (a, s, _) => Compute(s, a.Real(0)),
    };

    public static IndicatorOutput Compute(BarSeries s, double brickSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(brickSize);
        var size = (decimal)brickSize;
        var rows = new List<(int Bar, decimal Open, double High, double Low, decimal Close, double Volume, bool Up)>();
        if (s.Count > 0)
        {
            var text = brickSize.ToString("R", CultureInfo.InvariantCulture);
            var dot = text.IndexOf('.', StringComparison.Ordinal);
            var decimals = dot < 0 || text.Contains('E', StringComparison.Ordinal) ? 0 : text.Length - dot - 1;
            var top = Math.Round((decimal)s.Close[0], decimals);
            var bottom = top;
            double h = double.MinValue, l = double.MaxValue, v = 0;
            for (var i = 1; i < s.Count; i++)
            {
                h = Math.Max(h, s.High[i]);
                l = Math.Min(l, s.Low[i]);
                v += s.Volume[i];
                var c = (decimal)s.Close[i];
                var up = c >= top + size;
                var count = up ? (int)Math.Floor((c - top) / size) : c <= bottom - size ? (int)Math.Floor((bottom - c) / size) : 0;
                if (count == 0)
                {
                    continue;
                }

                for (var b = 0; b < count; b++)
                {
                    var open = up ? top + (b * size) : bottom - (b * size);
                    var close = up ? open + size : open - size;
                    rows.Add((i, open, h, l, close, v / count, up));
                }

                (bottom, top) = up ? (top + ((count - 1) * size), top + (count * size)) : (bottom - (count * size), bottom - ((count - 1) * size));
                h = double.MinValue;
                l = double.MaxValue;
                v = 0;
            }
        }

        var r = IndicatorOutput.NewColumns(6, rows.Count);
        var index = new int[rows.Count];
        for (var k = 0; k < rows.Count; k++)
        {
            var x = rows[k];
            index[k] = x.Bar;
            r[0][k] = (double)x.Open;
            r[1][k] = x.High;
            r[2][k] = x.Low;
            r[3][k] = (double)x.Close;
            r[4][k] = x.Volume;
            r[5][k] = x.Up ? 1 : 0;
        }

        var columns = new IndicatorColumn[6];
        for (var c = 0; c < 6; c++)
        {
            columns[c] = new IndicatorColumn(Columns[c], r[c], c == 5 ? IndicatorColumnKind.Boolean : IndicatorColumnKind.Number);
        }

        return new IndicatorOutput(columns, index);
    }
}
