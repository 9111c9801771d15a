namespace MarketIntel.Core.Risk;

/// <summary>
/// Which use a block of Philox numbers serves. It is the fourth counter word, so the numbers of different uses never
/// overlap for the same seed and path.
/// </summary>
public enum RandomStream : uint
{
    GbmNormals = 1,
    PortfolioNormals = 2,
    Bootstrap = 3,
    Regime = 4,
    HmmRestarts = 5,
}
