using System.Globalization;
using System.Text;

namespace MarketIntel.Storage.Tables;

/// <summary>
/// Maps partition keys and ids to Azure Table keys and back. Tables forbids <c>/ \ # ?</c> and control characters in
/// PartitionKey and RowKey; those and the escape character <c>%</c> become <c>%XX</c>, everything else is kept, so the
/// mapping is reversible and keeps the ordinal order of ids (which never hold the forbidden characters).
/// </summary>
public static class TableKeys
{
    /// <summary>The longest key Tables accepts (1 KiB of UTF-16).</summary>
    public const int MaxKeyLength = 512;

    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var needs = false;
        foreach (var c in value)
        {
            if (IsEscaped(c))
            {
                needs = true;
                break;
            }
        }

        if (!needs)
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            if (IsEscaped(c))
            {
                // Every escaped character is at most U+009F, so two hex digits suffice.
                builder.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    public static string Unescape(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!key.Contains('%', StringComparison.Ordinal))
        {
            return key;
        }

        var builder = new StringBuilder(key.Length);
        for (var i = 0; i < key.Length; i++)
        {
            if (key[i] != '%')
            {
                builder.Append(key[i]);
            }
            else if (i + 2 < key.Length && int.TryParse(key.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
            {
                builder.Append((char)code);
                i += 2;
            }
            else
            {
                throw new FormatException($"'{key}' is not an escaped table key (a '%' must be followed by two hex digits).");
            }
        }

        return builder.ToString();
    }

    /// <summary>Null when <paramref name="value"/> escapes to a key Tables accepts; otherwise why not.</summary>
    public static string? Problem(string value) => Escape(value).Length > MaxKeyLength
        ? string.Create(CultureInfo.InvariantCulture, $"it is longer than the {MaxKeyLength} characters a table key holds once escaped")
        : null;

    private static bool IsEscaped(char c) => c is '%' or '/' or '\\' or '#' or '?' || char.IsControl(c);
}
