namespace MarketIntel.Core.Trading;

/// <summary>
/// Volatility targeting: the quantity whose move of <c>atrMultiple</c> ATRs costs the risk fraction of equity,
/// equity × risk / (ATR × multiple), so calmer instruments get larger positions.
/// </summary>
public sealed class AtrTargetSizing(double riskFraction, double atrMultiple = 1) : ISizingRule
{
    private readonly double _risk = riskFraction is > 0 and <= 1 ? riskFraction : throw new ArgumentOutOfRangeException(nameof(riskFraction), riskFraction, "a fraction of equity in (0, 1]");
    private readonly double _multiple = atrMultiple > 0 && double.IsFinite(atrMultiple) ? atrMultiple : throw new ArgumentOutOfRangeException(nameof(atrMultiple), atrMultiple, "a positive multiple");

    public string Name => "atr-target";

    public double Quantity(in SizingInput input)
    {
        var atr = input.Atr ?? throw new ArgumentException("ATR targeting needs the ATR", nameof(input));
        return atr > 0 ? input.Equity * _risk / (atr * _multiple) : 0;
    }
}
