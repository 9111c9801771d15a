using System.Security.Cryptography;
using System.Text;

namespace MarketIntel.Core.Brokerage;

/// <summary>
/// The client order id of one leg of one setup in one account, as a pure function of the three: the same inputs give the
/// same id in every process, retry and restart, so a venue that enforces unique client order ids (Alpaca) can never hold
/// two orders for one intent, and an unknown outcome is resolved by asking for this id.
/// <para>Shape: <c>mi-{account}-{setup}-{leg}-{hash}</c>, lower-case letters, digits and '-', at most
/// <see cref="MaxLength"/> characters (within Alpaca's 128 and the paper engine's 64). The readable parts are slugs cut
/// to a few characters for people reading a blotter; uniqueness comes from the 120-bit hash of the exact inputs, which
/// is why two setups whose slugs agree still get different ids.</para>
/// </summary>
public static class BrokerClientOrderId
{
    public const int MaxLength = 64;

    /// <summary>How every id made here starts, so reconciliation can tell the platform's orders at a venue from others.</summary>
    public const string Prefix = "mi-";
    private const int AccountChars = 12;
    private const int SetupChars = 12;
    private const int LegChars = 8;
    private const int HashChars = 24;
    private const string Base32 = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>The id of <paramref name="leg"/> (e.g. <c>entry</c>, <c>close</c>, <c>open</c>) of <paramref name="setup"/> in <paramref name="account"/>.</summary>
    public static string For(string account, string setup, string leg)
    {
        Require(account, nameof(account));
        Require(setup, nameof(setup));
        Require(leg, nameof(leg));

        // Length-prefixed, so ("a-b", "c") and ("a", "b-c") hash differently.
        var material = Encoding.UTF8.GetBytes($"{account.Length}:{account}|{setup.Length}:{setup}|{leg.Length}:{leg}");
        var hash = SHA256.HashData(material);
        var sb = new StringBuilder(MaxLength);
        sb.Append(Prefix).Append(Slug(account, AccountChars)).Append('-').Append(Slug(setup, SetupChars)).Append('-').Append(Slug(leg, LegChars)).Append('-');
        AppendBase32(sb, hash, HashChars);
        return sb.ToString();
    }

    private static void Require(string value, string name)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{name} is required to make a client order id", name);
        }
    }

    private static string Slug(string value, int max)
    {
        var sb = new StringBuilder(max);
        foreach (var c in value)
        {
            if (sb.Length == max)
            {
                break;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
            }
        }

        return sb.Length == 0 ? "x" : sb.ToString();
    }

    private static void AppendBase32(StringBuilder sb, byte[] bytes, int chars)
    {
        var buffer = 0;
        var bits = 0;
        var index = 0;
        while (chars > 0)
        {
            if (bits < 5)
            {
                buffer = (buffer << 8) | bytes[index++];
                bits += 8;
            }

            bits -= 5;
            sb.Append(Base32[(buffer >> bits) & 31]);
            chars--;
        }
    }
}
