using MarketIntel.Core.Indicators.Catalog;

namespace MarketIntel.Core.Scanning;

/// <summary>
/// Maps the friendly output names of rules (<c>bb(20,2).lower</c>) to catalog output columns (<c>lowerBand</c>), driven
/// by each definition's <see cref="IndicatorDefinition.Outputs"/> so that new indicators need no table. In order:
/// <list type="number">
/// <item>the column name itself, any case (<c>histogram</c>, <c>percentb</c>, <c>upperBand</c>);</item>
/// <item>the name followed by <c>Band</c> (<c>upper</c>, <c>lower</c> on bb, keltner, donchian, supertrend);</item>
/// <item><c>middle</c>, <c>mid</c>, <c>basis</c>, <c>center</c>: the central line, the first of <c>centerline</c>,
/// <c>sma</c>, <c>mean</c> that the indicator has;</item>
/// <item>a prefix of exactly one column (<c>hist</c> for <c>histogram</c>, <c>z</c> for <c>zScore</c>).</item>
/// </list>
/// A bare indicator without <c>.name</c> is its first output (<c>macd(12,26,9)</c> is the macd line).
/// </summary>
public static class ScanOutputNames
{
    private static readonly string[] MiddleWords = ["middle", "mid", "basis", "center", "centre"];
    private static readonly string[] MiddleColumns = ["centerline", "sma", "mean"];

    public static bool TryResolve(IndicatorDefinition definition, string friendly, out string column)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(friendly);
        var outputs = definition.Outputs;
        foreach (var o in outputs)
        {
            if (string.Equals(o, friendly, StringComparison.OrdinalIgnoreCase) || string.Equals(o, friendly + "band", StringComparison.OrdinalIgnoreCase))
            {
                column = o;
                return true;
            }
        }

        if (Array.IndexOf(MiddleWords, friendly.ToLowerInvariant()) >= 0)
        {
            foreach (var m in MiddleColumns)
            {
                if (outputs.Contains(m))
                {
                    column = m;
                    return true;
                }
            }
        }

        string? match = null;
        foreach (var o in outputs)
        {
            if (o.StartsWith(friendly, StringComparison.OrdinalIgnoreCase))
            {
                if (match is not null)
                {
                    column = string.Empty;
                    return false;
                }

                match = o;
            }
        }

        column = match ?? string.Empty;
        return match is not null;
    }
}
