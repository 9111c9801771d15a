using MarketIntel.Core.Market;

namespace MarketIntel.Ingestion.Providers;

/// <summary>
/// One cleaned page. Every bar of the range opening before <paramref name="CoveredUntil"/> has been delivered by this
/// page or an earlier one, so a checkpoint may advance to it. <paramref name="NextCursor"/> is null after the last page.
/// </summary>
public sealed record BarPageResult(IReadOnlyList<Bar> Bars, IReadOnlyList<BarRejection> Rejections, string? NextCursor, DateTime CoveredUntil)
{
    /// <summary>The raw archive key of the payload this page was parsed from (null for the simulator, which has no payload).</summary>
    public string? ArchiveKey { get; init; }
}
