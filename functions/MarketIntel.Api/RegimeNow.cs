namespace MarketIntel.Api;

/// <summary>The regime at the last bar: state, label, its filtered probability and the bull-minus-bear score in [-1, 1].</summary>
public sealed record RegimeNow(int State, string Label, double Probability, double Score);
