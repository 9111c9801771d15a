using System.Text;

namespace MarketIntel.Core.Tests.Fuzzing;

/// <summary>
/// Mutates a valid sample the way broken producers and hostile clients do: truncation, duplicated and deleted spans
/// (duplicate fields and rows), numbers swapped for extremes (huge, NaN, negative, out of range), odd unicode, and deep
/// nesting. Deterministic in its seed, so a failing input is reproduced by FsCheck's seed.
/// </summary>
public static class Mutator
{
    /// <summary>Values that break number parsing: overflow, underflow, non-finite, signs, other digits and separators.</summary>
    public static readonly string[] Numbers =
    [
        "1e309", "-1e309", "1E+308", "1e-400", "NaN", "-NaN", "Infinity", "-Infinity", "∞", "-0", "0", "-1", "+1", "1e", "--1", ".5", "5.", "00012",
        "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
        "79228162514264337593543950336", "99999999999999999999999999999999999999999999", "253402300800000", "-62135596800001",
        "0x10", "1,5", "1_000", "١٢٣", "１２", "4.9e-324", "1.7976931348623157e308", "0.1e-2147483648", "1e2147483648",
    ];

    /// <summary>Characters and fragments that parsers mishandle: control, BOM, separators, quotes, surrogate halves, wide digits.</summary>
    public static readonly string[] Oddities =
    [
        "\0", "\uFEFF", "\u2028", "\u0085", "\t", "\r", "\n", "\r\n", "\"", "'", ",", ";", "\\", "\\u0000", "\\ud800", "{", "}", "[", "]", "(", ")",
        "\uD800", "\uDFFF", "é", "\U0001D7D8", "\u00A0", "İ", "ß", "-", "e", ".", ":", "@", "_", " ", "null", "true", "[]", "{}", "\"\"", "T", "Z",
    ];

    private static readonly (string Open, string Close)[] Nestings = [("(", ")"), ("[", "]"), ("{\"a\":", "}"), ("not ", ""), ("-", ""), ("[[", "]]")];

    public static string Mutate(string sample, int seed)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var random = new Random(seed);
        var text = new StringBuilder(sample);
        var rounds = 1 + random.Next(4);
        for (var r = 0; r < rounds; r++)
        {
            Apply(text, random);
        }

        return text.ToString();
    }

    private static void Apply(StringBuilder text, Random random)
    {
        var at = random.Next(text.Length + 1);
        var length = text.Length == 0 ? 0 : random.Next(Math.Min(40, text.Length - Math.Min(at, text.Length - 1)) + 1);
        length = Math.Min(length, text.Length - at);
        switch (random.Next(9))
        {
            case 0:
                text.Length = at;
                break;
            case 1:
                text.Insert(at + length, text.ToString(at, length));
                break;
            case 2:
                text.Remove(at, length);
                break;
            case 3:
            case 4:
                ReplaceNumber(text, random);
                break;
            case 5:
                text.Insert(at, Oddities[random.Next(Oddities.Length)]);
                break;
            case 6:
                var (open, close) = Nestings[random.Next(Nestings.Length)];
                var depth = random.Next(2) == 0 ? random.Next(1, 70) : random.Next(70, 20_000);
                text.Insert(text.Length, string.Concat(Enumerable.Repeat(close, depth)));
                text.Insert(0, string.Concat(Enumerable.Repeat(open, depth)));
                break;
            case 7:
                var copy = text.ToString(at, length);
                text.Insert(at, string.Concat(Enumerable.Repeat(copy, random.Next(2, 300))));
                break;
            default:
                if (text.Length > 0)
                {
                    var i = Math.Min(at, text.Length - 1);
                    text[i] = random.Next(3) switch
                    {
                        0 => char.ToUpperInvariant(text[i]),
                        1 => (char)random.Next(0x20, 0x7F),
                        _ => (char)random.Next(0, 0x10000),
                    };
                }

                break;
        }
    }

    /// <summary>Replaces one run of number characters with an extreme value.</summary>
    private static void ReplaceNumber(StringBuilder text, Random random)
    {
        var runs = new List<(int Start, int Length)>();
        for (var i = 0; i < text.Length;)
        {
            if (char.IsAsciiDigit(text[i]))
            {
                var start = i;
                while (start > 0 && text[start - 1] is '-' or '+')
                {
                    start--;
                }

                while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] is '.' or 'e' or 'E' or '+' or '-'))
                {
                    i++;
                }

                runs.Add((start, i - start));
            }
            else
            {
                i++;
            }
        }

        var replacement = Numbers[random.Next(Numbers.Length)];
        if (runs.Count == 0)
        {
            text.Insert(random.Next(text.Length + 1), replacement);
            return;
        }

        var (s, n) = runs[random.Next(runs.Count)];
        text.Remove(s, n).Insert(s, replacement);
    }
}
