using System.Globalization;

namespace MarketIntel.Host.Tests.Load;

/// <summary>
/// What a load run measured: requests completed, transport errors (exceptions, not HTTP statuses), responses by status,
/// bytes read, and latency percentiles over every request.
/// </summary>
public sealed record LoadResult(
    LoadTarget Target, int Connections, long Requests, long Errors, IReadOnlyDictionary<int, long> Statuses, long Bytes, TimeSpan Elapsed,
    double P50Milliseconds, double P99Milliseconds, double MaxMilliseconds, string? FirstError)
{
    public double RequestsPerSecond => Requests / Elapsed.TotalSeconds;

    /// <summary>Responses with a status of 500 or more.</summary>
    public long ServerErrors => Statuses.Where(s => s.Key >= 500).Sum(s => s.Value);

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"{Target.Name,-12} {RequestsPerSecond,9:F0} req/s  p50 {P50Milliseconds,6:F2} ms  p99 {P99Milliseconds,6:F2} ms  max {MaxMilliseconds,7:F2} ms  " +
        $"{Requests} requests, {Bytes / Math.Max(1, Requests)} B each, errors {Errors}, statuses {string.Join(' ', Statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}:{s.Value}"))}");
}
