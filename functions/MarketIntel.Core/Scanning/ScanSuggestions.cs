namespace MarketIntel.Core.Scanning;

/// <summary>"Did you mean" for misspelt names: the closest candidate by optimal-string-alignment distance.</summary>
internal static class ScanSuggestions
{
    public static string? Closest(string word, IEnumerable<string> candidates)
    {
        // A transposition or a wrong letter in a short name, up to two edits in longer ones.
        var limit = word.Length >= 5 ? 2 : 1;
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var c in candidates)
        {
            var d = Distance(word, c);
            if (d <= limit && (d < bestDistance || (d == bestDistance && string.CompareOrdinal(c, best) < 0)))
            {
                best = c;
                bestDistance = d;
            }
        }

        return best;
    }

    /// <summary>Edits (insert, delete, substitute, swap adjacent) that turn <paramref name="a"/> into <paramref name="b"/>.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var v = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    v = Math.Min(v, d[i - 2, j - 2] + 1);
                }

                d[i, j] = v;
            }
        }

        return d[a.Length, b.Length];
    }
}
