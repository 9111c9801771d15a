using MarketIntel.Core.Scanning;
using MarketIntel.Core.Trading;

namespace MarketIntel.Pipeline.Trading;

/// <summary>
/// How "trade this setup" sizes its bracket: <c>fixed-quantity</c> (<see cref="Quantity"/> units),
/// <c>fixed-fractional</c> (equity × <see cref="RiskFraction"/> / |entry − stop|), <c>atr</c> (risk fraction over
/// <see cref="AtrMultiple"/> ATRs) or <c>kelly</c> (the scan's hit rate and average R, capped at <see cref="KellyCap"/>).
/// Every rule's quantity is then capped by the account's position and notional limits (<see cref="OrderSizer"/>).
/// </summary>
public sealed record PaperSizing(string Rule = "fixed-fractional", double? Quantity = null, double RiskFraction = 0.01, double AtrMultiple = 2, double KellyCap = 0.25)
{
    public static IReadOnlyList<string> Rules { get; } = ["fixed-quantity", "fixed-fractional", "atr", "kelly"];

    /// <summary>The first problem as (field, message), or null.</summary>
    public (string Field, string Message)? Problem()
    {
        if (!Rules.Contains(Rule, StringComparer.Ordinal))
        {
            return ("sizing.rule", $"'{Rule}' is not one of {string.Join(", ", Rules)}");
        }

        if (Rule == "fixed-quantity" && !(Quantity is > 0 && double.IsFinite(Quantity.Value)))
        {
            return ("sizing.quantity", "fixed-quantity sizing needs a positive quantity");
        }

        if (!(RiskFraction is > 0 and <= 1))
        {
            return ("sizing.riskFraction", $"{RiskFraction} is not a fraction of equity in (0, 1]");
        }

        if (!(AtrMultiple is > 0 and <= 100))
        {
            return ("sizing.atrMultiple", $"{AtrMultiple} is not in (0, 100]");
        }

        return KellyCap is > 0 and <= 1 ? null : ("sizing.kellyCap", $"{KellyCap} is not a fraction of equity in (0, 1]");
    }

    /// <summary>The rule for one setup; null for Kelly without the scan's outcome statistics.</summary>
    public ISizingRule? For(ScanStatistics? statistics) => Rule switch
    {
        "fixed-quantity" => new FixedQuantitySizing(Quantity ?? 1),
        "atr" => new AtrTargetSizing(RiskFraction, AtrMultiple),
        "kelly" => statistics is null || statistics.HitRate is double.NaN ? null : KellySizing.FromStatistics(statistics, KellyCap),
        _ => new FixedFractionalSizing(RiskFraction),
    };
}
