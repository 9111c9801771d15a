namespace MarketIntel.Api;

/// <summary>A strategy parameter and its default.</summary>
public sealed record StrategyParameterInfo(string Name, double Default);
