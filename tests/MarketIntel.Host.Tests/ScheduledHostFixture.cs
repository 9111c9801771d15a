namespace MarketIntel.Host.Tests;

/// <summary>
/// The local host as a newcomer starts it, except that nothing runs at start-up and ingest fires every two seconds:
/// the end-to-end test waits for a scheduled ingest instead of the start-up one.
/// </summary>
public sealed class ScheduledHostFixture : LocalHostFixture
{
    protected override string[] ExtraArgs =>
    [
        "--LocalHost:RunOnStart=false",
        "--IngestSchedule=*/2 * * * * *",
        "--ScanSchedule=0 0 0 1 1 *",
        "--OutcomeSchedule=0 0 0 1 1 *",
        "--RetentionSchedule=0 0 0 1 1 *",
        "--Pipeline:InitialLookbackHours=30",
    ];
}
