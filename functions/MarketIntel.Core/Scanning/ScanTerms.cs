namespace MarketIntel.Core.Scanning;

/// <summary>
/// The value terms of a rule worth showing beside a hit: each distinct indicator output, function call and
/// other-timeframe value, outermost first in order of appearance (<c>rsi(14) &lt; 30 and close &gt; sma(200)</c> gives
/// <c>rsi(14)</c> and <c>sma(200)</c>).
/// </summary>
public static class ScanTerms
{
    public static IReadOnlyList<ScanExpr> Of(ScanExpr rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var terms = new List<ScanExpr>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Visit(rule, terms, seen);
        return terms;
    }

    private static void Visit(ScanExpr e, List<ScanExpr> terms, HashSet<string> seen)
    {
        switch (e)
        {
            case ScanExpr.Indicator or ScanExpr.Call:
            case ScanExpr.OnTimeframe { Type: ScanValueType.Number }:
                if (seen.Add(e.ToString()))
                {
                    terms.Add(e);
                }

                break;
            case ScanExpr.Unary u:
                Visit(u.Operand, terms, seen);
                break;
            case ScanExpr.Binary b:
                Visit(b.Left, terms, seen);
                Visit(b.Right, terms, seen);
                break;
            case ScanExpr.Offset o:
                Visit(o.Inner, terms, seen);
                break;
            case ScanExpr.OnTimeframe t:
                Visit(t.Inner, terms, seen);
                break;
        }
    }
}
