namespace MarketIntel.Infrastructure.Tests.Arm;

/// <summary>
/// Just enough of ARM's expression syntax (<c>[fn('literal', other(x).y, ...)]</c>) to find a function call and split
/// its arguments: string literals ('' escapes a quote) and nested parentheses are skipped over.
/// </summary>
public static class ArmExpression
{
    /// <summary>Whether a JSON string value is an expression (<c>[...]</c>, not an escaped <c>[[</c> literal).</summary>
    public static bool IsExpression(string value) => value.StartsWith('[') && value.EndsWith(']') && !value.StartsWith("[[", StringComparison.Ordinal);

    /// <summary>The argument texts of the first call of <paramref name="function"/> in <paramref name="expression"/>, or null.</summary>
    public static List<string>? Arguments(string expression, string function)
    {
        var i = 0;
        while (i < expression.Length)
        {
            if (expression[i] == '\'')
            {
                i = SkipString(expression, i);
                continue;
            }

            if (string.CompareOrdinal(expression, i, function + "(", 0, function.Length + 1) == 0
                && (i == 0 || !char.IsLetterOrDigit(expression[i - 1])))
            {
                return Split(expression, i + function.Length + 1);
            }

            i++;
        }

        return null;
    }

    /// <summary>The value of a string literal argument (<c>'a''b'</c> → <c>a'b</c>), or null when it is not one.</summary>
    public static string? Literal(string argument)
    {
        var a = argument.Trim();
        return a.Length >= 2 && a[0] == '\'' && SkipString(a, 0) == a.Length ? a[1..^1].Replace("''", "'", StringComparison.Ordinal) : null;
    }

    private static List<string> Split(string text, int start)
    {
        var args = new List<string>();
        var depth = 0;
        var from = start;
        var i = start;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\'')
            {
                i = SkipString(text, i);
                continue;
            }

            if (c is '(' or '[')
            {
                depth++;
            }
            else if (c is ')' or ']')
            {
                if (depth == 0)
                {
                    if (i > from || args.Count > 0)
                    {
                        args.Add(text[from..i].Trim());
                    }

                    return args;
                }

                depth--;
            }
            else if (c == ',' && depth == 0)
            {
                args.Add(text[from..i].Trim());
                from = i + 1;
            }

            i++;
        }

        throw new FormatException($"unbalanced expression: {text}");
    }

    private static int SkipString(string text, int open)
    {
        var i = open + 1;
        while (i < text.Length)
        {
            if (text[i] == '\'')
            {
                if (i + 1 < text.Length && text[i + 1] == '\'')
                {
                    i += 2;
                    continue;
                }

                return i + 1;
            }

            i++;
        }

        return i;
    }
}
