using MarketIntel.Core.Market;

namespace MarketIntel.Core.Storage;

/// <summary>A bar as stored: the bar, where it came from, and when it was last written.</summary>
public sealed record StoredBar(Bar Bar, BarProvenance Provenance, DateTimeOffset WrittenAt);
