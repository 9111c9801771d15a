namespace MarketIntel.Ingestion.Instruments;

/// <summary>What kind of instrument a symbol names; decides its calendar and how providers spell it.</summary>
public enum AssetClass
{
    /// <summary>A listed stock or ETF (<c>AAPL</c>, <c>BRK.B</c>), trading in the regular NYSE/Nasdaq session.</summary>
    Equity,

    /// <summary>A crypto pair (<c>BTC-USD</c>), trading round the clock.</summary>
    Crypto,
}
