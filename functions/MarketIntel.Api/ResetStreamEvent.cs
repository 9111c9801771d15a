namespace MarketIntel.Api;

/// <summary>
/// Sent first when the <c>Last-Event-ID</c> to resume from is no longer kept (or comes from another process): events
/// may have been missed, so the client reloads what it shows; the stream then carries on with new events.
/// </summary>
public sealed record ResetStreamEvent(string Reason) : StreamEvent
{
    public const string Name = "reset";
}
