namespace MarketIntel.Core.Scanning;

/// <summary>Unary and binary operators of the scan language.</summary>
public enum ScanOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Negate,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    Equal,
    NotEqual,
    CrossesAbove,
    CrossesBelow,
    And,
    Or,
    Not,
}
