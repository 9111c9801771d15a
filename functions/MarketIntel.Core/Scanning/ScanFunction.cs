namespace MarketIntel.Core.Scanning;

/// <summary>
/// Built-in functions. The window functions (<c>highest</c>, <c>lowest</c>, <c>avg</c>, <c>sum</c>) take a series and a
/// whole-number period and cover the current bar and the period - 1 before it; <c>abs</c>, <c>min</c>, <c>max</c> are
/// bar by bar.
/// </summary>
public enum ScanFunction
{
    Highest,
    Lowest,
    Avg,
    Sum,
    Abs,
    Min,
    Max,
}
