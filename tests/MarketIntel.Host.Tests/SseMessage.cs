namespace MarketIntel.Host.Tests;

/// <summary>One message of a server-sent event stream as a browser would parse it: a comment, or fields (id, event, data).</summary>
public sealed record SseMessage(string? Id, string? Event, string? Data, string? Comment);
