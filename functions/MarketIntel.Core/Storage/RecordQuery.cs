namespace MarketIntel.Core.Storage;

/// <summary>A page request over one partition of one kind, in ascending id order.</summary>
/// <param name="PageSize">At most this many records per page (1 to 1000).</param>
/// <param name="ContinuationToken">The token of the previous page; null for the first page. Opaque and adapter-specific.</param>
/// <param name="IdPrefix">Only ids starting with this text (for example <c>setup|</c>); null for all.</param>
public sealed record RecordQuery(int PageSize = 100, string? ContinuationToken = null, string? IdPrefix = null)
{
    public const int MaxPageSize = 1000;
}
