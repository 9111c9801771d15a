using MarketIntel.Core.Storage;
using MarketIntel.Pipeline.Orchestrations;

namespace MarketIntel.Pipeline.Activities;

/// <summary>
/// Raw archive retention: deletes whole provider-days that ended before the cutoff. Records need none of this: their
/// kinds carry time-to-live values that both stores enforce.
/// </summary>
public sealed class RetentionActivities(IRawArchive archive)
{
    /// <summary>Raw archive sources besides the bar providers (the Event Hubs tick batches).</summary>
    public static IReadOnlyList<string> ExtraSources { get; } = ["ticks"];

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

        return deleted;
    }
}
