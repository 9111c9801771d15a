using MarketIntel.Core.Market;
using MarketIntel.Ingestion.Instruments;

namespace MarketIntel.Ingestion.Providers;

/// <summary>Bars with <c>From &lt;= open time &lt; To</c> (UTC); <paramref name="Cursor"/> is the previous page's, null for the first.</summary>
public sealed record BarPageRequest(Instrument Instrument, Timeframe Timeframe, DateTime FromUtc, DateTime ToUtc, string? Cursor = null);
