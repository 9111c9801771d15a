namespace MarketIntel.Api;

/// <summary>One output column, aligned with the response's bar times.</summary>
public sealed record IndicatorColumnValues(string Name, bool Overlay, double?[] Values);
