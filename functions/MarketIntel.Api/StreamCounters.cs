namespace MarketIntel.Api;

/// <summary>The live stream: clients connected, clients dropped for falling behind, and the newest event id.</summary>
public sealed record StreamCounters(int Clients, long DroppedClients, long LastEventId);
