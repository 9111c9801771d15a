namespace MarketIntel.Core.Regimes;

/// <summary>Windows of the fuzzy trend score: the moving average / volatility window and the momentum lookback.</summary>
public sealed record FuzzyTrendOptions
{
    public int TrendWindow { get; init; } = 50;

    public int MomentumWindow { get; init; } = 20;
}
