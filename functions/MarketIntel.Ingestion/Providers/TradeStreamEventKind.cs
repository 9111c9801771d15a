namespace MarketIntel.Ingestion.Providers;

public enum TradeStreamEventKind
{
    /// <summary>A trade print (<see cref="TradeStreamEvent.Tick"/>).</summary>
    Trade,

    /// <summary>A message that could not be used; <see cref="TradeStreamEvent.Reason"/> says why.</summary>
    Rejected,

    /// <summary>Subscribed (again, after a drop, when <see cref="TradeStreamEvent.IsReconnect"/>).</summary>
    Connected,

    /// <summary>The connection dropped; trades until the next <see cref="Connected"/> are missing from the stream.</summary>
    Disconnected,
}
