using MarketIntel.Core.Market;

namespace MarketIntel.Ingestion.Providers;

/// <summary>A page as a parser read it, before cleaning: the bars, the rows it could not read, and where the next page starts.</summary>
public sealed record ParsedBarPage(List<Bar> Bars, List<BarRejection> Rejections, string? NextCursor, DateTime CoveredUntil);
