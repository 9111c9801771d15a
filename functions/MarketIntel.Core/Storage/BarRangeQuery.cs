using MarketIntel.Core.Market;

namespace MarketIntel.Core.Storage;

/// <summary>
/// A page request for bars with <c>From &lt;= OpenTime &lt; To</c> (UTC). <c>ContinuationToken</c> is the previous
/// page's token (null for the first page) and opaque to callers.
/// </summary>
public sealed record BarRangeQuery(Symbol Symbol, Timeframe Timeframe, DateTime From, DateTime To, int PageSize = 1000, string? ContinuationToken = null)
{
    public const int MaxPageSize = 10_000;
}
