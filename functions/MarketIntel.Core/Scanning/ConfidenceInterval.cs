namespace MarketIntel.Core.Scanning;

/// <summary>A two-sided confidence interval for an estimate; both ends NaN when the sample cannot give one.</summary>
public readonly record struct ConfidenceInterval(double Low, double High)
{
    public static ConfidenceInterval Undefined => new(double.NaN, double.NaN);
}
