namespace MarketIntel.Pipeline.Tests;

/// <summary>A clock that reads <see cref="Now"/> until a test moves it; its timers and delays stay real.</summary>
internal sealed class FixedTime(DateTime now) : TimeProvider
{
    public DateTime Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => new(Now);
}
