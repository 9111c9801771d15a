using System.Text.Json.Serialization;

namespace MarketIntel.Ingestion.Streaming;

/// <summary>
/// The merge state of one stream bar: its OHLCV, the times of the ticks that set its open and close (so a later batch
/// with earlier or later ticks revises them correctly) and the trade ids it holds (so a re-delivered tick is recognised),
/// kept compactly as a <see cref="TradeIdSet"/>: <paramref name="IdRanges"/> are numeric ids as
/// <c>[first, last, ...]</c> pairs, <paramref name="TextIdHashes"/> text ids as 8-byte hashes (base64 in JSON),
/// <paramref name="AbsorbedIds"/> the ids counted as held because their gap was absorbed at the range limit.
/// </summary>
[JsonConverter(typeof(TickBarStateJsonConverter))]
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
    IReadOnlyList<long>? IdRanges,
    byte[]? TextIdHashes,
    long AbsorbedIds = 0)
{
    /// <summary>The id list of states written before the compact form (read and folded in, never written again).</summary>
    public IReadOnlyList<string>? TradeIds { get; init; }

    public Core.Market.Bar ToBar() => new(OpenTime, Open, High, Low, Close, Volume, Trades);

    /// <summary>The ids this state holds, as a set bounded by the given limits.</summary>
    public TradeIdSet Ids(int maxRanges, int maxTextIds)
    {
        var set = TradeIdSet.From(IdRanges, TextIdHashes, AbsorbedIds, maxRanges, maxTextIds);
        foreach (var legacy in TradeIds ?? [])
        {
            set.Add(Core.Market.TradeId.Parse(legacy));
        }

        return set;
    }
}
