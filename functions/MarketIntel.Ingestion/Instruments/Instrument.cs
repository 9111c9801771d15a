using MarketIntel.Core.Market;

namespace MarketIntel.Ingestion.Instruments;

/// <summary>
/// A canonical instrument: the symbol every store and screen uses (<c>BTC-USD</c>, <c>BTC-USDT</c>, <c>AAPL</c>), its
/// asset class and the venue whose prices these are. Providers translate it to their own spelling.
/// </summary>
/// <param name="Symbol">Canonical symbol: crypto as <c>BASE-QUOTE</c>, equities as the upper-case ticker.</param>
/// <param name="AssetClass">Equity or crypto.</param>
/// <param name="Venue">Where the prices come from (<c>binance</c>, <c>coinbase</c>, <c>alpaca</c>, <c>simulator</c>).</param>
public sealed record Instrument(Symbol Symbol, AssetClass AssetClass, string Venue)
{
    /// <summary>The base asset of a crypto pair (<c>BTC</c>), or the ticker of an equity.</summary>
    public string Base => AssetClass == AssetClass.Crypto ? Symbol.Value[..Symbol.Value.IndexOf('-', StringComparison.Ordinal)] : Symbol.Value;

    /// <summary>The quote asset of a crypto pair (<c>USD</c>); <c>USD</c> for equities.</summary>
    public string Quote => AssetClass == AssetClass.Crypto ? Symbol.Value[(Symbol.Value.IndexOf('-', StringComparison.Ordinal) + 1)..] : "USD";

    /// <summary>When the instrument trades: round the clock for crypto, the NYSE regular session for equities.</summary>
    public ExchangeCalendar Calendar => AssetClass == AssetClass.Crypto ? ExchangeCalendar.Crypto : ExchangeCalendar.Nyse;

    public override string ToString() => Symbol.Value + "@" + Venue;
}
