namespace MarketIntel.Core.Market;

/// <summary>
/// A canonical instrument identifier (<c>AAPL</c>, <c>BTC-USD</c>). Symbols are compared ordinally and are
/// case-sensitive as given; providers normalize their own spellings before a symbol reaches the domain.
/// </summary>
public readonly record struct Symbol : IComparable<Symbol>
{
    public Symbol(string value)
    {
        if (!IsValid(value, out var reason))
        {
            throw new ArgumentException($"Invalid symbol '{value}': {reason}.", nameof(value));
        }

        Value = value;
    }

    public string Value { get; }

    public static bool IsValid(ReadOnlySpan<char> value, out string reason)
    {
        if (value.IsEmpty)
        {
            reason = "a symbol cannot be empty";
            return false;
        }

        if (value.Length > 64)
        {
            reason = "a symbol has at most 64 characters";
            return false;
        }

        foreach (var c in value)
        {
            // Symbols become file names, partition keys and URL segments: keep them to a safe alphabet.
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '/' or ':' or '^' or '='))
            {
                reason = $"character '{c}' is not allowed (letters, digits and - . _ / : ^ = only)";
                return false;
            }
        }

        reason = string.Empty;
        return true;
    }

    public int CompareTo(Symbol other) => string.CompareOrdinal(Value, other.Value);

    public override string ToString() => Value ?? string.Empty;

    public static implicit operator Symbol(string value) => new(value);
}
