using System.Diagnostics;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Storage;

/// <summary>
/// Probes the configured stores for <c>/api/health</c> with the cheapest read each has: a point read of a record that
/// does not exist (records) and a one-bar page of a one-minute range (bars). Each read has a short timeout, so a store
/// that hangs (an emulator killed mid-connection, a throttled account) reports degraded instead of holding the health
/// request. The result is cached for <see cref="CacheFor"/> and concurrent callers share one probe, so a load test or
/// a tight liveness poll on /api/health costs the stores at most two reads per period.
/// </summary>
public sealed class StoreHealthProbe(IRecordStore records, IBarStore bars, TimeProvider time)
{
    public const string Ok = "ok";
    public const string Degraded = "degraded";

    /// <summary>Point-read key of the records probe: no record is ever written under it, so the read is a cheap not-found.</summary>
    private const string ProbePartition = "health-probe";

    private static readonly Symbol ProbeSymbol = new("HEALTHPROBE");

    private readonly Lock _gate = new();
    private Task<StoreHealthReport>? _current;
    private long _currentStartedAt;

    /// <summary>How long one probe's answer is served before the stores are read again.</summary>
    public TimeSpan CacheFor { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long each store may take before it counts as degraded.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The latest report, probing again when the cached one is older than <see cref="CacheFor"/>.</summary>
    public Task<StoreHealthReport> CheckAsync()
    {
        lock (_gate)
        {
            var now = time.GetTimestamp();
            if (_current is null || time.GetElapsedTime(_currentStartedAt, now) >= CacheFor)
            {
                _currentStartedAt = now;
                // Not tied to a caller's cancellation: the probe is shared, and a caller that gives up must not fail it for the others.
                _current = ProbeAsync();
            }

            return _current;
        }
    }

    private async Task<StoreHealthReport> ProbeAsync()
    {
        var recordsProbe = ProbeOneAsync("records", ct => records.GetAsync<object>(RecordKinds.Watchlist, ProbePartition, ProbePartition, ct));
        var barsProbe = ProbeOneAsync("bars", ct =>
        {
            var from = new DateTime(2000, 1, 3, 0, 0, 0, DateTimeKind.Utc);
            return bars.ReadAsync(new BarRangeQuery(ProbeSymbol, Timeframe.OneMinute, from, from.AddMinutes(1), PageSize: 1), ct);
        });
        StoreHealth[] stores = [await recordsProbe.ConfigureAwait(false), await barsProbe.ConfigureAwait(false)];
        var status = Array.TrueForAll(stores, s => s.Status == Ok) ? Ok : Degraded;
        return new StoreHealthReport(status, stores, time.GetUtcNow());
    }

    private async Task<StoreHealth> ProbeOneAsync(string name, Func<CancellationToken, Task> read)
    {
        using var timeout = new CancellationTokenSource(Timeout, time);
        var started = Stopwatch.GetTimestamp();
        try
        {
            // WaitAsync as well as the token: an SDK that ignores cancellation while it retries must not hold the probe either.
            await read(timeout.Token).WaitAsync(Timeout, time).ConfigureAwait(false);
            return new StoreHealth(name, Ok, ElapsedMs(started));
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
        {
            return new StoreHealth(name, Degraded, ElapsedMs(started), $"no answer within {Timeout.TotalSeconds:0.#} s");
        }
        catch (Exception ex)
        {
            // Any failure of the read is the store's state, which is what the probe reports; the health request itself must not fail.
            return new StoreHealth(name, Degraded, ElapsedMs(started), $"{ex.GetType().Name}: {FirstLine(ex.Message)}");
        }
    }

    private static long ElapsedMs(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    private static string FirstLine(string message)
    {
        var end = message.IndexOfAny(['\r', '\n']);
        var line = end < 0 ? message : message[..end];
        return line.Length <= 300 ? line : line[..300];
    }
}
