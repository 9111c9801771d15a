namespace MarketIntel.Api;

/// <summary>Bounds and timing of <c>GET /api/stream</c> (section <c>Api:Stream</c>).</summary>
public sealed record StreamOptions
{
    /// <summary>A comment line is sent after this many seconds without an event, so proxies and clients see the stream alive.</summary>
    public double HeartbeatSeconds { get; init; } = 15;

    /// <summary>Events kept for <c>Last-Event-ID</c> resumption.</summary>
    public int ReplayEvents { get; init; } = 10_000;

    /// <summary>Events one client may have waiting; a client that falls this far behind is dropped (it reconnects and resumes).</summary>
    public int ClientBufferEvents { get; init; } = 1_000;

    /// <summary>Bars published per series and write: a backfill publishes its newest ones; history is read from <c>/api/bars</c>.</summary>
    public int MaxBarsPerWrite { get; init; } = 10;

    /// <summary>
    /// A stream ends after this many minutes and the client reconnects with its last id (0: never). Below the Functions
    /// app's 30-minute function timeout, so Azure never cuts a stream mid-event.
    /// </summary>
    public double MaxConnectionMinutes { get; init; } = 20;

    public void Validate()
    {
        if (!(HeartbeatSeconds > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(HeartbeatSeconds), HeartbeatSeconds, "Api:Stream:HeartbeatSeconds must be above 0");
        }

        if (MaxBarsPerWrite < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBarsPerWrite), MaxBarsPerWrite, "Api:Stream:MaxBarsPerWrite must be at least 1");
        }

        if (!(MaxConnectionMinutes >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxConnectionMinutes), MaxConnectionMinutes, "Api:Stream:MaxConnectionMinutes must be 0 (no limit) or more");
        }
    }
}
