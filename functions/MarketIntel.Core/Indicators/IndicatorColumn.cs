using MarketIntel.Core.Market.Csv;

namespace MarketIntel.Core.Indicators;

/// <summary>
/// One named output series. Every value is a double where NaN means "no value" (warm-up); booleans are 0/1 and
/// labels (e.g. a candle pattern's signal) are indexes into <see cref="Labels"/>, so every column reads as <c>double?</c>.
/// </summary>
public sealed class IndicatorColumn(string name, double[] values, IndicatorColumnKind kind = IndicatorColumnKind.Number, string[]? labels = null)
{
    private static readonly string[] BooleanLabels = ["false", "true"];

    public string Name { get; } = name;

    public double[] Values { get; } = values;

    public IndicatorColumnKind Kind { get; } = kind;

    public IReadOnlyList<string> Labels { get; } = kind == IndicatorColumnKind.Boolean ? BooleanLabels : labels ?? [];

    public int Count => Values.Length;

    public double? this[int row] => double.IsNaN(Values[row]) ? null : Values[row];

    public double?[] ToNullable()
    {
        var result = new double?[Values.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = this[i];
        }

        return result;
    }

    /// <summary>The cell as CSV text: empty for no value, round-trip doubles, <c>true</c>/<c>false</c>, or the label.</summary>
    public string Format(int row)
    {
        var v = Values[row];
        if (double.IsNaN(v))
        {
            return string.Empty;
        }

        return Kind == IndicatorColumnKind.Number ? MarketText.Format(v) : Labels[(int)v];
    }
}
