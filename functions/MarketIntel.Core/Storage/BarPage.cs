using MarketIntel.Core.Market;

namespace MarketIntel.Core.Storage;

/// <summary>One page of bars in ascending open time; <paramref name="ContinuationToken"/> is null after the last page.</summary>
public sealed record BarPage(IReadOnlyList<StoredBar> Items, string? ContinuationToken)
{
    public IEnumerable<Bar> Bars => Items.Select(i => i.Bar);
}
