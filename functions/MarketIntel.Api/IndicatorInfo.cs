namespace MarketIntel.Api;

/// <summary>A catalog entry as the API lists it; <c>overlay</c> when its main output is in price units.</summary>
public sealed record IndicatorInfo(string Name, string Title, string Category, bool Overlay, bool RequiresSecondSeries, IReadOnlyList<IndicatorParameterInfo> Parameters, IReadOnlyList<string> Outputs, string Pattern);
