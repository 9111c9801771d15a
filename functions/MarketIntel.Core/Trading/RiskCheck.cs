namespace MarketIntel.Core.Trading;

/// <summary>One rule's verdict on one order, with the numbers it compared, so a rejection explains itself.</summary>
public sealed record RiskCheck(string Rule, bool Passed, IReadOnlyDictionary<string, double> Inputs, IReadOnlyDictionary<string, double> Thresholds);
