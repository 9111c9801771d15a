namespace MarketIntel.Core.Risk;

/// <summary>The fraction of paths whose horizon simple return is below <c>-Threshold</c>.</summary>
public sealed record LossProbability(double Threshold, long Paths, double Probability);
