using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MarketIntel.Core.Trading;

namespace MarketIntel.Brokers.OrderIds;

/// <summary>
/// What identifies an order's content when the venue keeps no id of ours: symbol, side, type, quantity, prices, time in
/// force and a bracket's two exits, as a short hash. The adapter computes it from our request before sending and from the
/// venue's order when resolving an unknown outcome; equal fingerprints mean "this could be the order we sent".
/// Prices are rounded to 1e-6 through decimal, so the venue's echo of 101.1 matches the 101.1 we sent.
/// </summary>
public static class OrderFingerprint
{
    public static string Of(string symbol, OrderSide side, OrderType type, double quantity, double? limit, double? stop, TimeInForce timeInForce, double? takeProfit = null, double? stopLoss = null)
    {
        var text = string.Join('|', symbol.ToUpperInvariant(), side, type, Num(quantity), Num(limit), Num(stop), timeInForce, Num(takeProfit), Num(stopLoss));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 12));
    }

    private static string Num(double? value) =>
        value is { } v ? Math.Round((decimal)v, 6).ToString("0.######", CultureInfo.InvariantCulture) : "-";
}
