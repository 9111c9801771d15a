namespace MarketIntel.Core.Indicators.Catalog;

/// <summary>Evaluates an indicator in batch over <paramref name="series"/>; <paramref name="market"/> is the second series of multi-series indicators.</summary>
public delegate IndicatorOutput IndicatorEvaluator(IndicatorArguments args, BarSeries series, BarSeries? market);
