namespace MarketIntel.Host.Tests;

/// <summary>The local host with a short heartbeat and small stream buffers, so the stream tests see both at work quickly.</summary>
public sealed class StreamHostFixture : LocalHostFixture
{
    public const int ReplayEvents = 64;
    public const int ClientBufferEvents = 16;

    protected override string[] ExtraArgs =>
    [
        "--Api:Stream:HeartbeatSeconds=0.2",
        $"--Api:Stream:ReplayEvents={ReplayEvents}",
        $"--Api:Stream:ClientBufferEvents={ClientBufferEvents}",
    ];
}
