using System.Text;

namespace MarketIntel.Infrastructure.Tests.Bicep;

/// <summary>
/// Character-level helpers over Bicep source: comment removal and bracket matching that respect single-quoted strings
/// (with <c>\'</c> escapes and <c>${...}</c> interpolations, which may nest strings). Enough for the templates we
/// write; not a full Bicep parser.
/// </summary>
public static class BicepText
{
    /// <summary>The source without <c>//</c> and <c>/* */</c> comments; strings are kept verbatim, line breaks kept.</summary>
    public static string StripComments(string source)
    {
        var output = new StringBuilder(source.Length);
        var i = 0;
        while (i < source.Length)
        {
            var c = source[i];
            if (c == '\'')
            {
                var end = SkipString(source, i);
                output.Append(source, i, end - i);
                i = end;
            }
            else if (c == '/' && i + 1 < source.Length && source[i + 1] == '/')
            {
                while (i < source.Length && source[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '/' && i + 1 < source.Length && source[i + 1] == '*')
            {
                var close = source.IndexOf("*/", i + 2, StringComparison.Ordinal);
                var stop = close < 0 ? source.Length : close + 2;
                // Keep the line count (error messages and multi-line values stay aligned).
                foreach (var skipped in source.AsSpan(i, stop - i))
                {
                    if (skipped == '\n')
                    {
                        output.Append('\n');
                    }
                }

                i = stop;
            }
            else
            {
                output.Append(c);
                i++;
            }
        }

        return output.ToString();
    }

    /// <summary>Index just after the string literal that starts at <paramref name="start"/> (a quote).</summary>
    public static int SkipString(string text, int start)
    {
        if (string.CompareOrdinal(text, start, "'''", 0, 3) == 0)
        {
            var close = text.IndexOf("'''", start + 3, StringComparison.Ordinal);
            return close < 0 ? text.Length : close + 3;
        }

        var i = start + 1;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\\')
            {
                i += 2;
            }
            else if (c == '\'')
            {
                return i + 1;
            }
            else if (c == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                i = MatchingClose(text, i + 1) + 1;
            }
            else
            {
                i++;
            }
        }

        return text.Length;
    }

    /// <summary>Index of the bracket closing the one at <paramref name="open"/> (<c>{ [ (</c>), skipping strings.</summary>
    public static int MatchingClose(string text, int open)
    {
        var depth = 0;
        var i = open;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\'')
            {
                i = SkipString(text, i);
                continue;
            }

            if (c is '{' or '[' or '(')
            {
                depth++;
            }
            else if (c is '}' or ']' or ')')
            {
                depth--;
                if (depth == 0)
                {
                    return i;
                }
            }

            i++;
        }

        throw new FormatException($"unbalanced bracket opened at offset {open}");
    }

    /// <summary>
    /// The characters outside string literals, each with the bracket depth it stands at (an opening bracket counts
    /// at the depth outside it, a closing one at the depth after it).
    /// </summary>
    public static IEnumerable<(int Index, char Char, int Depth)> OutsideStrings(string text)
    {
        var depth = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\'')
            {
                i = SkipString(text, i);
                continue;
            }

            if (c is '}' or ']' or ')')
            {
                depth--;
            }

            yield return (i, c, depth);
            if (c is '{' or '[' or '(')
            {
                depth++;
            }

            i++;
        }
    }

    /// <summary>
    /// Splits the inside of an object or array literal into its entries: separated by line breaks or commas that are
    /// outside brackets and strings. Blank entries are dropped; each entry is trimmed.
    /// </summary>
    public static List<string> SplitEntries(string inner)
    {
        var entries = new List<string>();
        var start = 0;
        foreach (var (i, c, depth) in OutsideStrings(inner))
        {
            if (depth == 0 && (c == '\n' || c == ','))
            {
                Add(inner[start..i]);
                start = i + 1;
            }
        }

        Add(inner[start..]);
        return entries;

        void Add(string entry)
        {
            var trimmed = entry.Trim();
            if (trimmed.Length > 0)
            {
                entries.Add(trimmed);
            }
        }
    }

    /// <summary>Index of the first <c>:</c> outside strings and brackets, or -1.</summary>
    public static int TopLevelColon(string entry) =>
        OutsideStrings(entry).Where(x => x.Char == ':' && x.Depth == 0).Select(x => x.Index).DefaultIfEmpty(-1).First();

    /// <summary>The text of a plain string literal (<c>'abc'</c> → <c>abc</c>), or null when the value is anything else.</summary>
    public static string? StringLiteral(string value)
    {
        var v = value.Trim();
        if (v.Length >= 2 && v[0] == '\'' && SkipString(v, 0) == v.Length && !v.Contains("${", StringComparison.Ordinal))
        {
            return v[1..^1].Replace("\\'", "'", StringComparison.Ordinal);
        }

        return null;
    }

    /// <summary>Collapses runs of whitespace to one space, so that patterns need not care about layout.</summary>
    public static string CollapseWhitespace(string text)
    {
        var output = new StringBuilder(text.Length);
        var previousSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                if (!previousSpace)
                {
                    output.Append(' ');
                }

                previousSpace = true;
            }
            else
            {
                output.Append(c);
                previousSpace = false;
            }
        }

        return output.ToString().Trim();
    }
}
