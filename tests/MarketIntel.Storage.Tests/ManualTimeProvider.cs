namespace MarketIntel.Storage.Tests;

/// <summary>A clock the test moves by hand (Microsoft's FakeTimeProvider does not restore here).</summary>
public sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}
