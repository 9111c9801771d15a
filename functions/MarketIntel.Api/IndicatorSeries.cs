namespace MarketIntel.Api;

/// <summary>One evaluated spec.</summary>
public sealed record IndicatorSeries(string Spec, string Name, string Title, bool Overlay, int WarmUp, IReadOnlyList<IndicatorColumnValues> Columns);
