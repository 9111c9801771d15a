using System.Globalization;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Storage;

/// <summary>
/// What every bar store checks before writing, and the keys every store derives from a bar. Shared so that
/// the adapters accept and reject exactly the same bars and page identically.
/// </summary>
public static class BarRecordRules
{
    /// <summary>Throws <see cref="InvalidRecordException"/> naming the first bad bar and field.</summary>
    public static void Validate(Symbol symbol, Timeframe timeframe, IReadOnlyList<Bar> bars, BarProvenance provenance)
    {
        if (symbol.Value is null)
        {
            throw new InvalidRecordException("Bars need a symbol.");
        }

        if (timeframe.Minutes <= 0)
        {
            throw new InvalidRecordException($"Bars of {symbol} need a timeframe.");
        }

        if (string.IsNullOrWhiteSpace(provenance.Source) || string.IsNullOrWhiteSpace(provenance.CodeVersion))
        {
            throw new InvalidRecordException($"Bars of {symbol} {timeframe} need a provenance source and code version.");
        }

        // A single bar cannot repeat an open time; the tick path writes one or two bars per symbol per batch, so most
        // calls need no set.
        var seen = bars.Count > 1 ? new HashSet<DateTime>(bars.Count) : null;
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var problem = Problem(timeframe, bar);
            if (problem is null && seen is not null && !seen.Add(bar.OpenTime))
            {
                problem = "the batch holds this open time twice";
            }

            if (problem is not null)
            {
                throw new InvalidRecordException(
                    $"Bar {i} of {symbol} {timeframe} at {bar.OpenTime.ToString("O", CultureInfo.InvariantCulture)} is invalid: {problem}.");
            }
        }
    }

    /// <summary>Null for a well-formed bar; otherwise the field and why.</summary>
    public static string? Problem(Timeframe timeframe, Bar bar)
    {
        if (bar.OpenTime.Kind != DateTimeKind.Utc)
        {
            return "openTime must be UTC (DateTimeKind.Utc)";
        }

        if (timeframe.BucketStart(bar.OpenTime) != bar.OpenTime)
        {
            return $"openTime is not aligned to the {timeframe} grid";
        }

        if (!IsPrice(bar.Open) || !IsPrice(bar.High) || !IsPrice(bar.Low) || !IsPrice(bar.Close))
        {
            return "open, high, low and close must be finite and positive";
        }

        if (bar.High < Math.Max(bar.Open, bar.Close) || bar.Low > Math.Min(bar.Open, bar.Close))
        {
            return "high must be >= max(open, close) and low <= min(open, close)";
        }

        if (bar.Volume < 0)
        {
            return "volume cannot be negative";
        }

        return bar.Trades < 0 ? "trades cannot be negative" : null;
    }

    /// <summary>Milliseconds since the Unix epoch: exact for whole-minute bars and safe as a JSON number.</summary>
    public static long ToUnixMilliseconds(DateTime openTime) => (openTime.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerMillisecond;

    public static DateTime FromUnixMilliseconds(long milliseconds) => new(DateTime.UnixEpoch.Ticks + (milliseconds * TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);

    /// <summary>
    /// The partition a bar lives in: <c>symbol|timeframe|yyyy-MM</c> for intraday timeframes (a month of 1-minute bars
    /// of a 24/7 market is 44,640 items, about 15 MB) and <c>symbol|timeframe|yyyy</c> for daily and longer.
    /// </summary>
    public static string PartitionKey(Symbol symbol, Timeframe timeframe, DateTime openTime) =>
        StorageKey.Compose(symbol.Value, timeframe.ToString(), PartitionPeriod(timeframe, openTime));

    /// <summary>
    /// What every partition key of the series starts with (<c>symbol|timeframe|</c>). Periods are fixed-width
    /// <c>yyyy</c> or <c>yyyy-MM</c>, so the series' keys sort in time order.
    /// </summary>
    public static string PartitionPrefix(Symbol symbol, Timeframe timeframe) =>
        StorageKey.Compose(symbol.Value, timeframe.ToString(), string.Empty);

    /// <summary>The start of the period a partition key of the series names; throws when the key is not one.</summary>
    public static DateTime PeriodStartOf(Symbol symbol, Timeframe timeframe, string partitionKey)
    {
        ArgumentNullException.ThrowIfNull(partitionKey);
        var prefix = PartitionPrefix(symbol, timeframe);
        var format = IsYearly(timeframe) ? "yyyy" : "yyyy-MM";
        if (!partitionKey.StartsWith(prefix, StringComparison.Ordinal)
            || !DateTime.TryParseExact(partitionKey.AsSpan(prefix.Length), format, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var start))
        {
            throw new FormatException($"'{partitionKey}' is not a partition key of {symbol} {timeframe} ({prefix}{format})");
        }

        return DateTime.SpecifyKind(start, DateTimeKind.Utc);
    }

    /// <summary>The start of the partition period that holds <paramref name="openTime"/>.</summary>
    public static DateTime PeriodStart(Timeframe timeframe, DateTime openTime) => IsYearly(timeframe)
        ? new DateTime(openTime.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc)
        : new DateTime(openTime.Year, openTime.Month, 1, 0, 0, 0, DateTimeKind.Utc);

    public static DateTime NextPeriodStart(Timeframe timeframe, DateTime periodStart) =>
        IsYearly(timeframe) ? periodStart.AddYears(1) : periodStart.AddMonths(1);

    /// <summary>The id of a bar inside its partition: its open time, sortable (<c>2024-01-02T14:30</c>).</summary>
    public static string Id(DateTime openTime) => openTime.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    /// <summary>
    /// The page of a range read that fetched up to one bar more than asked (oldest first): at most
    /// <paramref name="pageSize"/> bars, and a continuation after the last when there were more.
    /// </summary>
    public static BarPage Page(List<StoredBar> items, int pageSize)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count > pageSize)
        {
            items.RemoveRange(pageSize, items.Count - pageSize);
            return new BarPage(items, ContinuationAfter(items[^1].Bar.OpenTime));
        }

        return new BarPage(items, null);
    }

    /// <summary>Keyset paging: the token is the open time the next page starts from, so all adapters page identically.</summary>
    public static string ContinuationAfter(DateTime lastOpenTime) =>
        "t" + (ToUnixMilliseconds(lastOpenTime) + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>The first open time a query resumes at: the token's, or the query's start.</summary>
    public static DateTime ResumeFrom(BarRangeQuery query)
    {
        if (query.PageSize is < 1 or > BarRangeQuery.MaxPageSize)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.PageSize, $"PageSize must be 1 to {BarRangeQuery.MaxPageSize}.");
        }

        if (query.From.Kind != DateTimeKind.Utc || query.To.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException("Bar range bounds must be UTC (DateTimeKind.Utc).", nameof(query));
        }

        if (query.ContinuationToken is null)
        {
            return query.From;
        }

        var token = query.ContinuationToken;
        if (token.Length < 2 || token[0] != 't' || !long.TryParse(token.AsSpan(1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ms))
        {
            throw new ArgumentException($"'{token}' is not a bar continuation token.", nameof(query));
        }

        var resume = FromUnixMilliseconds(ms);
        return resume > query.From ? resume : query.From;
    }

    private static bool IsYearly(Timeframe timeframe) => timeframe.Minutes >= 1440;

    private static string PartitionPeriod(Timeframe timeframe, DateTime openTime) => IsYearly(timeframe)
        ? openTime.ToString("yyyy", CultureInfo.InvariantCulture)
        : openTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static bool IsPrice(double value) => double.IsFinite(value) && value > 0;
}
