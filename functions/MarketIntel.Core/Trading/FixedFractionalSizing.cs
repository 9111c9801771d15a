namespace MarketIntel.Core.Trading;

/// <summary>Risks a fixed fraction of equity between entry and stop: equity × risk / |entry − stop|.</summary>
public sealed class FixedFractionalSizing(double riskFraction) : ISizingRule
{
    private readonly double _risk = riskFraction is > 0 and <= 1 ? riskFraction : throw new ArgumentOutOfRangeException(nameof(riskFraction), riskFraction, "a fraction of equity in (0, 1]");

    public string Name => "fixed-fractional";

    public double Quantity(in SizingInput input)
    {
        var stop = input.Stop ?? throw new ArgumentException("fixed fractional sizing needs a stop", nameof(input));
        var perUnit = Math.Abs(input.Entry - stop);
        return perUnit > 0 ? input.Equity * _risk / perUnit : 0;
    }
}
