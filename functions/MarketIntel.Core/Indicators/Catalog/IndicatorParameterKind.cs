namespace MarketIntel.Core.Indicators.Catalog;

public enum IndicatorParameterKind
{
    Integer,
    Real,
    Choice,
}
