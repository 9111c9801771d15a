namespace MarketIntel.Core.Market.Csv;

/// <summary>
/// A tick as read from a file: its 0-based arrival index among data rows, its 1-based line, and either a parsed tick
/// or the reason why its values are invalid (the row itself was well-formed).
/// </summary>
public readonly record struct TickRecord(long ArrivalIndex, int Line, Tick Tick, string? InvalidReason)
{
    public bool IsValid => InvalidReason is null;
}
