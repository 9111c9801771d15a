namespace MarketIntel.Host;

/// <summary>
/// Local-host-only behaviour (section <c>LocalHost</c>): seed the demo watchlist when it does not exist, run ingest,
/// scan and a risk report at start-up, and run the schedules. Tests switch parts off to drive the pipeline themselves.
/// </summary>
internal sealed record LocalHostOptions
{
    public bool DemoWatchlist { get; init; } = true;

    public bool RunOnStart { get; init; } = true;

    public bool Schedules { get; init; } = true;
}
