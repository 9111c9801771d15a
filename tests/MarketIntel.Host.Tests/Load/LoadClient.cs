using System.Diagnostics;
using System.Net;
using HdrHistogram;

namespace MarketIntel.Host.Tests.Load;

/// <summary>
/// A closed-loop HTTP load generator for loopback servers: <c>connections</c> loops, each with one request in flight on
/// its own keep-alive connection, until <c>maxRequests</c> are sent or <c>duration</c> has passed. Bodies are read to
/// the end into a reused buffer, so the client allocates little and measures the server; latencies go into an
/// HdrHistogram (fixed memory, 3 significant digits, whatever the request count).
/// </summary>
public static class LoadClient
{
    private const long MaxRecordableMicroseconds = 60_000_000;

    public static async Task<LoadResult> RunAsync(Uri baseAddress, LoadTarget target, int connections, TimeSpan duration, long maxRequests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(connections);
        if (!baseAddress.IsLoopback)
        {
            // Load is only ever sent to this machine.
            throw new ArgumentException($"{baseAddress} is not a loopback address", nameof(baseAddress));
        }

        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        };
        using var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var issued = 0L;
        var clock = Stopwatch.StartNew();
        var loops = new Task<LoopTally>[connections];
        for (var i = 0; i < connections; i++)
        {
            loops[i] = Task.Run(() => LoopAsync(client, target, clock, duration, () => Interlocked.Increment(ref issued) <= maxRequests, cancellationToken), cancellationToken);
        }

        var tallies = await Task.WhenAll(loops);
        var elapsed = clock.Elapsed;
        var latencies = new LongHistogram(MaxRecordableMicroseconds, 3);
        var statuses = new Dictionary<int, long>();
        long requests = 0, errors = 0, bytes = 0;
        string? firstError = null;
        foreach (var tally in tallies)
        {
            latencies.Add(tally.Latencies);
            requests += tally.Requests;
            errors += tally.Errors;
            bytes += tally.Bytes;
            firstError ??= tally.FirstError;
            foreach (var (status, count) in tally.Statuses)
            {
                statuses[status] = statuses.GetValueOrDefault(status) + count;
            }
        }

        return new LoadResult(target, connections, requests, errors, statuses, bytes, elapsed,
            latencies.GetValueAtPercentile(50) / 1000.0, latencies.GetValueAtPercentile(99) / 1000.0, latencies.GetMaxValue() / 1000.0, firstError);
    }

    private static async Task<LoopTally> LoopAsync(HttpClient client, LoadTarget target, Stopwatch clock, TimeSpan duration, Func<bool> mayIssue, CancellationToken cancellationToken)
    {
        var tally = new LoopTally();
        var buffer = new byte[64 * 1024];
        string? etag = null;
        while (clock.Elapsed < duration && mayIssue() && !cancellationToken.IsCancellationRequested)
        {
            var start = Stopwatch.GetTimestamp();
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, target.PathAndQuery);
                if (target.Revalidate && etag is not null)
                {
                    request.Headers.TryAddWithoutValidation("If-None-Match", etag);
                }

                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                int read;
                while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    tally.Bytes += read;
                }

                etag = response.Headers.ETag?.ToString() ?? etag;
                var status = (int)response.StatusCode;
                tally.Statuses[status] = tally.Statuses.GetValueOrDefault(status) + 1;
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                tally.Errors++;
                tally.FirstError ??= ex.GetType().Name + ": " + ex.Message;
            }

            tally.Requests++;
            tally.Latencies.RecordValue(Math.Min(MaxRecordableMicroseconds, (long)Stopwatch.GetElapsedTime(start).TotalMicroseconds));
        }

        return tally;
    }

    private sealed class LoopTally
    {
        public LongHistogram Latencies { get; } = new(MaxRecordableMicroseconds, 3);

        public Dictionary<int, long> Statuses { get; } = [];

        public long Requests { get; set; }

        public long Errors { get; set; }

        public long Bytes { get; set; }

        public string? FirstError { get; set; }
    }
}
