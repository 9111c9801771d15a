namespace MarketIntel.Ingestion.Streaming;

/// <summary>
/// The merge state of one stream bar: its OHLCV, the times of the ticks that set its open and close (so a later batch
/// with earlier or later ticks revises them correctly) and the trade ids it holds (so a re-delivered tick is recognised).
/// </summary>
public sealed record TickBarState(
    DateTime OpenTime,
    double Open,
    DateTime OpenTickTime,
    double High,
    double Low,
    double Close,
    DateTime CloseTickTime,
    decimal Volume,
    long Trades,
    IReadOnlyList<string> TradeIds)
{
    public Core.Market.Bar ToBar() => new(OpenTime, Open, High, Low, Close, Volume, Trades);
}
