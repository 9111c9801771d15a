namespace MarketIntel.Api;

public sealed record HealthResponse(string Status, string Version, string Host, DateTimeOffset Time);
