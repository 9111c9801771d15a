namespace MarketIntel.Core.Scanning;

/// <summary>A bar where a rule held: the symbol, the bar and the values of the requested terms there (NaN = undefined).</summary>
public sealed record ScanHit(string Symbol, DateTime Time, int BarIndex, IReadOnlyList<double> Values);
