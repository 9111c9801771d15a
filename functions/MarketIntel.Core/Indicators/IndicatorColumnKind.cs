namespace MarketIntel.Core.Indicators;

/// <summary>How a column's doubles are read: plain numbers, 0/1 booleans, or indexes into a label list.</summary>
public enum IndicatorColumnKind
{
    Number,
    Boolean,
    Label,
}
