namespace MarketIntel.Core.Scanning;

/// <summary>Splits a rule into tokens; identifiers are lower-cased (the language is case-insensitive).</summary>
public static class ScanLexer
{
    public static List<ScanToken> Tokenize(string rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var tokens = new List<ScanToken>();
        var i = 0;
        while (i < rule.Length)
        {
            var c = rule[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            var start = i;
            if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < rule.Length && char.IsAsciiDigit(rule[i + 1])))
            {
                i = ReadNumber(rule, i);
                if (i < rule.Length && (char.IsAsciiLetter(rule[i]) || rule[i] == '_'))
                {
                    while (i < rule.Length && (char.IsAsciiLetterOrDigit(rule[i]) || rule[i] == '_'))
                    {
                        i++;
                    }

                    tokens.Add(new ScanToken(ScanTokenKind.Unit, rule[start..i], start + 1));
                }
                else
                {
                    tokens.Add(new ScanToken(ScanTokenKind.Number, rule[start..i], start + 1));
                }

                continue;
            }

            if (char.IsAsciiLetter(c) || c == '_')
            {
                while (i < rule.Length && (char.IsAsciiLetterOrDigit(rule[i]) || rule[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new ScanToken(ScanTokenKind.Identifier, rule[start..i].ToLowerInvariant(), start + 1));
                continue;
            }

            var next = i + 1 < rule.Length ? rule[i + 1] : '\0';
            (ScanTokenKind kind, int length) = c switch
            {
                '+' => (ScanTokenKind.Plus, 1),
                '-' => (ScanTokenKind.Minus, 1),
                '*' => (ScanTokenKind.Star, 1),
                '/' => (ScanTokenKind.Slash, 1),
                '(' => (ScanTokenKind.LeftParen, 1),
                ')' => (ScanTokenKind.RightParen, 1),
                '[' => (ScanTokenKind.LeftBracket, 1),
                ']' => (ScanTokenKind.RightBracket, 1),
                ',' => (ScanTokenKind.Comma, 1),
                '.' => (ScanTokenKind.Dot, 1),
                '@' => (ScanTokenKind.At, 1),
                '<' when next == '=' => (ScanTokenKind.LessEqual, 2),
                '<' => (ScanTokenKind.Less, 1),
                '>' when next == '=' => (ScanTokenKind.GreaterEqual, 2),
                '>' => (ScanTokenKind.Greater, 1),
                '=' when next == '=' => (ScanTokenKind.Equal, 2),
                '!' when next == '=' => (ScanTokenKind.NotEqual, 2),
                '=' => throw new ScanSyntaxException(start + 1, "'=' is not an operator; compare with '=='"),
                '&' or '|' or '!' => throw new ScanSyntaxException(start + 1, $"'{c}' is not an operator; use 'and', 'or', 'not'"),
                _ => throw new ScanSyntaxException(start + 1, $"unexpected character '{c}'"),
            };
            tokens.Add(new ScanToken(kind, rule.Substring(start, length), start + 1));
            i += length;
        }

        tokens.Add(new ScanToken(ScanTokenKind.End, string.Empty, rule.Length + 1));
        return tokens;
    }

    private static int ReadNumber(string s, int i)
    {
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }

        if (i < s.Length && s[i] == '.' && i + 1 < s.Length && char.IsAsciiDigit(s[i + 1]))
        {
            i++;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }
        }

        // An exponent only when digits follow, so that "1e" stays a (bad) unit rather than a broken number.
        if (i < s.Length && (s[i] == 'e' || s[i] == 'E'))
        {
            var j = i + 1;
            if (j < s.Length && (s[j] == '+' || s[j] == '-'))
            {
                j++;
            }

            if (j < s.Length && char.IsAsciiDigit(s[j]))
            {
                i = j;
                while (i < s.Length && char.IsAsciiDigit(s[i]))
                {
                    i++;
                }
            }
        }

        return i;
    }
}
