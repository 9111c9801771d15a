using MarketIntel.Core.Market;

namespace MarketIntel.Ingestion.Streaming;

/// <summary>
/// A stream bar's merge state while a batch is folded into it: OHLCV exactly as <see cref="TickAggregator"/> builds a bar
/// (open and close by tick time, ties to the later arrival for the close) and the ids it holds.
/// </summary>
internal sealed class BarMerge(DateTime openTime, TradeIdSet ids)
{
    private double _open;
    private DateTime _openTickTime;
    private double _high;
    private double _low;
    private double _close;
    private DateTime _closeTickTime;
    private decimal _volume;
    private long _trades;

    public TradeIdSet Ids { get; } = ids;

    public static BarMerge From(TickBarState state, TickBatchOptions options) =>
        new(state.OpenTime, state.Ids(options.MaxIdRangesPerBar, options.MaxTextIdsPerBar))
        {
            _open = state.Open,
            _openTickTime = state.OpenTickTime,
            _high = state.High,
            _low = state.Low,
            _close = state.Close,
            _closeTickTime = state.CloseTickTime,
            _volume = state.Volume,
            _trades = state.Trades,
        };

    /// <summary>Folds the tick in unless its id is held already or the id set is full (then false and nothing changes).</summary>
    public bool TryAdd(in Tick tick)
    {
        if (Ids.Add(tick.TradeId) != TradeIdAddResult.Added)
        {
            return false;
        }

        var (ts, price) = (tick.Timestamp, tick.Price);
        if (_trades == 0)
        {
            (_open, _high, _low, _close, _openTickTime, _closeTickTime) = (price, price, price, price, ts, ts);
        }
        else
        {
            _high = Math.Max(_high, price);
            _low = Math.Min(_low, price);
            if (ts < _openTickTime)
            {
                (_open, _openTickTime) = (price, ts);
            }

            if (ts >= _closeTickTime)
            {
                (_close, _closeTickTime) = (price, ts);
            }
        }

        _volume += tick.Size;
        _trades++;
        return true;
    }

    public TickBarState ToState() =>
        new(openTime, _open, _openTickTime, _high, _low, _close, _closeTickTime, _volume, _trades, Ids.ToRanges(), Ids.ToTextHashes(), Ids.AbsorbedIds);
}
