namespace MarketIntel.Core.Scanning;

/// <summary>Per-bar entry and exit conditions of a strategy, as rule values (1 true, 0 false, NaN undefined), known at each bar's close.</summary>
public sealed record StrategySignals(double[] Entry, double[] Exit);
