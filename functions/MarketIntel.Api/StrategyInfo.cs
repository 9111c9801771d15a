namespace MarketIntel.Api;

/// <summary>A built-in strategy a scan can run by name.</summary>
public sealed record StrategyInfo(string Name, string Title, IReadOnlyList<StrategyParameterInfo> Parameters);
