namespace MarketIntel.Api;

/// <summary>
/// A bar as it was just written. <see cref="Forming"/>: its interval had not ended when it was written (the bar may still
/// change); otherwise it is closed (a later write may still revise it, as late trades or a repair can).
/// </summary>
public sealed record BarStreamEvent(string Symbol, string Timeframe, BarDto Bar, bool Forming) : StreamEvent
{
    public const string Name = "bar";
}
