namespace MarketIntel.Core.Scanning;

/// <summary>Lexical classes of the scan language.</summary>
public enum ScanTokenKind
{
    End,
    Number,

    /// <summary>Digits followed directly by letters, such as <c>1d</c> or <c>15m</c>: a timeframe after <c>@</c>.</summary>
    Unit,
    Identifier,
    Plus,
    Minus,
    Star,
    Slash,
    LeftParen,
    RightParen,
    LeftBracket,
    RightBracket,
    Comma,
    Dot,
    At,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    Equal,
    NotEqual,
}
