namespace MarketIntel.Ingestion.Bridge;

/// <summary>One trade as the tick bridge hands it on: its symbol (the Event Hubs partition key) and the JSON message (<see cref="Streaming.TickMessageFormat"/>).</summary>
public readonly record struct TickMessage(string Symbol, string Json);
