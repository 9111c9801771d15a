using MarketIntel.Core.Market;

namespace MarketIntel.Ingestion.Providers;

/// <summary>One event of a trade stream; which fields are set depends on <see cref="Kind"/>.</summary>
public sealed record TradeStreamEvent(TradeStreamEventKind Kind, DateTimeOffset At)
{
    public Tick Tick { get; init; }

    public string? Reason { get; init; }

    public string? Detail { get; init; }

    public bool IsReconnect { get; init; }

    /// <summary>The raw archive key of the message batch this event was parsed from.</summary>
    public string? ArchiveKey { get; init; }

    public static TradeStreamEvent Trade(Tick tick, DateTimeOffset at, string? archiveKey = null) => new(TradeStreamEventKind.Trade, at) { Tick = tick, ArchiveKey = archiveKey };

    public static TradeStreamEvent Rejected(string reason, string detail, DateTimeOffset at, string? archiveKey = null) =>
        new(TradeStreamEventKind.Rejected, at) { Reason = reason, Detail = detail, ArchiveKey = archiveKey };

    public static TradeStreamEvent Connected(DateTimeOffset at, bool isReconnect) => new(TradeStreamEventKind.Connected, at) { IsReconnect = isReconnect };

    public static TradeStreamEvent Disconnected(DateTimeOffset at, string reason) => new(TradeStreamEventKind.Disconnected, at) { Reason = reason };
}
