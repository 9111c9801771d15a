using System.Globalization;

namespace MarketIntel.Core.Market;

/// <summary>
/// A venue's trade identifier. Most venues use 64-bit integers, which are kept as numbers so that duplicate
/// detection hashes and compares without touching strings; any other spelling (including integers with leading
/// zeros, which are distinct ids) is kept as text.
/// </summary>
public readonly struct TradeId : IEquatable<TradeId>
{
    private readonly long _number;
    private readonly string? _text;

    public TradeId(long number)
    {
        _number = number;
        _text = null;
    }

    private TradeId(string text)
    {
        _number = 0;
        _text = text;
    }

    public bool IsNumeric => _text is null;

    /// <summary>The id as a number when it is one (<see cref="IsNumeric"/>), so ranges of ids can be kept without text.</summary>
    public bool TryGetNumber(out long number)
    {
        number = _number;
        return _text is null;
    }

    public static TradeId Parse(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            throw new FormatException("A trade id cannot be empty.");
        }

        if (IsCanonicalInteger(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
        {
            return new TradeId(n);
        }

        return new TradeId(text.ToString());
    }

    private static bool IsCanonicalInteger(ReadOnlySpan<char> s)
    {
        var digits = s[0] == '-' ? s[1..] : s;
        if (digits.IsEmpty || (digits.Length > 1 && digits[0] == '0') || (s[0] == '-' && digits is ['0']))
        {
            return false;
        }

        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    public bool Equals(TradeId other) => _number == other._number && string.Equals(_text, other._text, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is TradeId other && Equals(other);

    public override int GetHashCode() => _text is null ? _number.GetHashCode() : StringComparer.Ordinal.GetHashCode(_text);

    public override string ToString() => _text ?? _number.ToString(CultureInfo.InvariantCulture);

    public static bool operator ==(TradeId left, TradeId right) => left.Equals(right);

    public static bool operator !=(TradeId left, TradeId right) => !left.Equals(right);
}
