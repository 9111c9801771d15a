using MarketIntel.Core.Storage;
using MarketIntel.Pipeline.Workflows;

namespace MarketIntel.Pipeline.Activities;

/// <summary>
/// The daily retention run: deletes whole raw-archive provider-days that ended before the cutoff, and expired records
/// in the stores whose service has no time to live of its own (<see cref="IRecordExpiry"/>: Azure Tables and the
/// embedded file; Cosmos DB expires its items itself and registers none).
/// </summary>
public sealed class RetentionActivities(IRawArchive archive, IEnumerable<IRecordExpiry> expiries)
{
    /// <summary>Raw archive sources besides the bar providers (the Event Hubs tick batches).</summary>
    public static IReadOnlyList<string> ExtraSources { get; } = ["ticks"];

    /// <returns>Raw payloads and expired records deleted.</returns>
    public async Task<long> ApplyAsync(RetentionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var cutoff = DateOnly.FromDateTime(request.CutoffUtc);
        long deleted = 0;
        foreach (var provider in request.Providers)
        {
            for (var d = 1; d <= request.Days; d++)
            {
                deleted += await archive.DeleteDayAsync(provider, cutoff.AddDays(-d), cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (var expiry in expiries)
        {
            deleted += await expiry.DeleteExpiredAsync(cancellationToken).ConfigureAwait(false);
        }

        return deleted;
    }
}
