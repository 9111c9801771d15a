namespace MarketIntel.Core.Storage;

/// <summary>A page request over one partition of one kind, in ascending (ordinal) id order.</summary>
/// <param name="PageSize">At most this many records per page (1 to 1000).</param>
/// <param name="ContinuationToken">The token of the previous page; null for the first page. Opaque and adapter-specific.</param>
/// <param name="IdPrefix">Only ids starting with this text (for example <c>setup|</c>); null for all.</param>
/// <param name="IdFrom">Only ids ordinally at or after this one; with time-ordered ids (<see cref="StorageKey.TimeOrdered(DateTimeOffset, string)"/>) a start time.</param>
/// <param name="IdTo">Only ids ordinally before this one (exclusive); with time-ordered ids an end time.</param>
public sealed record RecordQuery(int PageSize = 100, string? ContinuationToken = null, string? IdPrefix = null, string? IdFrom = null, string? IdTo = null)
{
    public const int MaxPageSize = 1000;
}
