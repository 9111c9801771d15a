using System.Globalization;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;

namespace MarketIntel.Ingestion.Providers;

/// <summary>
/// Cleans parsed bars before they reach a store: sorts them, keeps one bar per open time (the last delivered, as
/// providers revise a bar by sending it again), and drops bars outside the range, off the timeframe's grid or with
/// impossible values, listing each drop with its reason. Stores therefore never see a batch they would refuse.
/// </summary>
public static class BarSanitizer
{
    public static (List<Bar> Bars, List<BarRejection> Rejections) Clean(IReadOnlyList<Bar> parsed, Timeframe timeframe, DateTime fromUtc, DateTime toUtc, List<BarRejection>? rejections = null)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        rejections ??= [];
        var byTime = new SortedDictionary<DateTime, Bar>();
        foreach (var bar in parsed)
        {
            if (bar.OpenTime < fromUtc || bar.OpenTime >= toUtc)
            {
                rejections.Add(new BarRejection(RejectReasons.OutOfRange, $"open time {Text(bar.OpenTime)} is outside [{Text(fromUtc)}, {Text(toUtc)})", bar.OpenTime));
                continue;
            }

            if (timeframe.BucketStart(bar.OpenTime) != bar.OpenTime)
            {
                rejections.Add(new BarRejection(RejectReasons.Misaligned, $"open time {Text(bar.OpenTime)} is not on the {timeframe} grid", bar.OpenTime));
                continue;
            }

            if (BarRecordRules.Problem(timeframe, bar) is { } problem)
            {
                rejections.Add(new BarRejection(RejectReasons.Invalid, problem, bar.OpenTime));
                continue;
            }

            if (byTime.ContainsKey(bar.OpenTime))
            {
                rejections.Add(new BarRejection(RejectReasons.Duplicate, $"open time {Text(bar.OpenTime)} delivered again", bar.OpenTime));
            }

            byTime[bar.OpenTime] = bar;
        }

        return ([.. byTime.Values], rejections);
    }

    private static string Text(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
