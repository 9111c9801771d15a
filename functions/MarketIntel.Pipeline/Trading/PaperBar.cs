using MarketIntel.Core.Market;

namespace MarketIntel.Pipeline.Trading;

/// <summary>One closed bar of one symbol, and whether it is the last bar of its session (when <c>day</c> orders expire).</summary>
public sealed record PaperBar(string Symbol, Bar Bar, bool SessionEnds);
