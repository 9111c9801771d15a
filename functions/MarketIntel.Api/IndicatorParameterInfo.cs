namespace MarketIntel.Api;

/// <summary>An indicator parameter with its default and range.</summary>
public sealed record IndicatorParameterInfo(string Name, string Kind, double Default, double Min, double Max, IReadOnlyList<string> Choices);
