using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MarketIntel.Brokers.OrderIds;

/// <summary>
/// What identifies an order's content when the venue keeps no id of ours: an adapter writes the order's fields (symbol,
/// instruction, quantity, type, prices, time in force, and its contingent children) as canonical text, from the body it
/// sends and from the venue's order alike, and this hashes it. Equal fingerprints mean "this could be the order we sent".
/// Numbers go through <see cref="Number"/> (decimal, 6 places), so the venue's echo of 101.1 matches the "101.1" we sent.
/// </summary>
public static class OrderFingerprint
{
    public static string Of(string canonical) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)).AsSpan(0, 12));

    public static string Number(double? value) =>
        value is { } v ? Math.Round((decimal)v, 6).ToString("0.######", CultureInfo.InvariantCulture) : "-";
}
