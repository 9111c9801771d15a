namespace MarketIntel.Core.Market.Csv;

/// <summary>A quotes file: its bars in time order, and each bar's timestamp as written, so outputs can echo it.</summary>
public sealed record QuoteFile(string Path, IReadOnlyList<Bar> Bars, IReadOnlyList<string> TimestampTexts);
