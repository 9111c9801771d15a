namespace MarketIntel.Api;

/// <summary>A bar as the API serves it (volume as a number; exact decimals stay in storage).</summary>
public sealed record BarDto(DateTime Time, double Open, double High, double Low, double Close, decimal Volume, long Trades);
