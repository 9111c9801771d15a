namespace MarketIntel.Core.Scanning;

/// <summary>What an expression yields per bar: a number, or a truth value (stored as 1/0; NaN is undefined).</summary>
public enum ScanValueType
{
    Number,
    Boolean,
}
