namespace MarketIntel.Core.Scanning;

/// <summary>
/// Filters applied with the entry rule: a minimum close, and a minimum average dollar volume (close × volume averaged
/// over <see cref="AverageDollarVolumeBars"/> bars, including the signal bar). Null means no filter.
/// </summary>
public sealed record ScanFilters
{
    public double? MinPrice { get; init; }

    public double? MinAverageDollarVolume { get; init; }

    public int AverageDollarVolumeBars { get; init; } = 20;
}
