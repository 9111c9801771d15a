namespace MarketIntel.Infrastructure.Tests.Bicep;

/// <summary>An object literal's top-level properties: key (identifier or quoted) → the value's source text.</summary>
public sealed class BicepObject
{
    private BicepObject(IReadOnlyList<KeyValuePair<string, string>> properties) => Properties = properties;

    public IReadOnlyList<KeyValuePair<string, string>> Properties { get; }

    public IEnumerable<string> Keys => Properties.Select(p => p.Key);

    /// <summary>Parses <c>{ ... }</c>; null when <paramref name="value"/> is not an object literal.</summary>
    public static BicepObject? TryParse(string value)
    {
        var v = value.Trim();
        if (v.Length < 2 || v[0] != '{' || BicepText.MatchingClose(v, 0) != v.Length - 1)
        {
            return null;
        }

        var properties = new List<KeyValuePair<string, string>>();
        foreach (var entry in BicepText.SplitEntries(v[1..^1]))
        {
            var colon = BicepText.TopLevelColon(entry);
            if (colon < 0)
            {
                throw new FormatException($"object entry without a key: {entry}");
            }

            var key = entry[..colon].Trim();
            key = BicepText.StringLiteral(key) ?? key;
            properties.Add(new(key, entry[(colon + 1)..].Trim()));
        }

        return new BicepObject(properties);
    }

    /// <summary>The value text of <paramref name="key"/>, or null.</summary>
    public string? this[string key] => Properties.FirstOrDefault(p => p.Key == key).Value;

    /// <summary>Follows a dotted path through nested object literals (<c>properties.principalId</c>).</summary>
    public string? Get(string path)
    {
        var current = this;
        var parts = path.Split('.');
        for (var i = 0; i < parts.Length; i++)
        {
            var value = current[parts[i]];
            if (value is null || i == parts.Length - 1)
            {
                return value;
            }

            current = TryParse(value);
            if (current is null)
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>The elements of an array literal <c>[ a \n b ]</c> as source texts; null when not an array literal.</summary>
    public static List<string>? TryParseArray(string value)
    {
        var v = value.Trim();
        if (v.Length < 2 || v[0] != '[' || BicepText.MatchingClose(v, 0) != v.Length - 1 || v.StartsWith("[for ", StringComparison.Ordinal))
        {
            return null;
        }

        return BicepText.SplitEntries(v[1..^1]);
    }
}
