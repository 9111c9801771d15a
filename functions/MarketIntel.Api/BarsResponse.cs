namespace MarketIntel.Api;

public sealed record BarsResponse(string Symbol, string Timeframe, DateTime From, DateTime To, IReadOnlyList<BarDto> Bars, string? ContinuationToken);
