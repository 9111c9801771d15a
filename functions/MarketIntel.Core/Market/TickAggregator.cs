using System.Runtime.CompilerServices;

namespace MarketIntel.Core.Market;

/// <summary>
/// Streams trade ticks of many symbols into OHLCV bars on several timeframes at once.
/// </summary>
/// <remarks>
/// Contract (per symbol; pinned by TickAggregatorTests):
/// <list type="bullet">
/// <item>watermark = largest timestamp among the symbol's accepted ticks minus the allowed lateness;</item>
/// <item>a tick is <b>invalid</b> when its price is not a finite number &gt; 0 or its size is negative (an unparsable
/// timestamp is reported through <see cref="RejectInvalid"/>); <b>duplicate</b> when (symbol, trade id) was accepted
/// before; <b>late</b> when the 1-minute bar containing it ends at or before the watermark as it was on arrival;
/// otherwise it is accepted into every timeframe's bar containing it;</item>
/// <item>open/close are the prices of the accepted ticks with the smallest/largest (timestamp, arrival order);</item>
/// <item>a bar closes when its end is at or before the watermark (no acceptable tick can reach it any more);
/// intervals without accepted ticks produce no bar.</item>
/// </list>
/// Steady state allocates nothing per tick: per-symbol state is created once, open bars live in reusable arrays.
/// Not thread-safe: one aggregator per partition/consumer.
/// </remarks>
public sealed class TickAggregator
{
    private readonly Timeframe[] _timeframes;
    private readonly long[] _frameTicks;
    private readonly long _latenessTicks;
    private readonly long _retentionTicks;
    private readonly bool _emitUpdates;
    private readonly IBarSink _sink;
    private readonly Dictionary<string, SymbolState> _symbols = new(StringComparer.Ordinal);
    private SymbolState? _last;
    private long _accepted;
    private long _invalid;
    private long _duplicate;
    private long _late;
    private long _closed;

    public TickAggregator(TickAggregatorOptions options, IBarSink sink)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(sink);
        options.Validate();
        _timeframes = [.. options.Timeframes];
        _frameTicks = Array.ConvertAll(_timeframes, t => t.Ticks);
        _latenessTicks = options.AllowedLateness.Ticks;
        _retentionTicks = options.DuplicateRetention?.Ticks ?? -1;
        _emitUpdates = options.EmitUpdates;
        _sink = sink;
    }

    public IReadOnlyList<Timeframe> Timeframes => _timeframes;

    public TickAggregatorCounters Counters => new(_accepted, _invalid, _duplicate, _late, _closed);

    /// <summary>Number of symbols seen so far.</summary>
    public int SymbolCount => _symbols.Count;

    /// <summary>The symbol's watermark, or null before its first accepted tick.</summary>
    public DateTime? WatermarkOf(Symbol symbol) =>
        _symbols.TryGetValue(symbol.Value, out var s) && s.HasWatermark ? new DateTime(s.Watermark, DateTimeKind.Utc) : null;

    /// <summary>Counts a tick whose fields could not even be parsed (e.g. its timestamp) as invalid.</summary>
    public TickVerdict RejectInvalid()
    {
        _invalid++;
        return TickVerdict.Invalid;
    }

    /// <summary>Offers one tick, in arrival order. Returns whether it was accepted, or why not.</summary>
    public TickVerdict Offer(in Tick tick)
    {
        var price = tick.Price;
        if (!double.IsFinite(price) || price <= 0 || tick.Size < 0 || tick.Timestamp.Kind == DateTimeKind.Local)
        {
            _invalid++;
            return TickVerdict.Invalid;
        }

        var state = StateFor(tick.Symbol);
        var ts = tick.Timestamp.Ticks;
        if (state.HasWatermark)
        {
            var minuteEnd = ts - PositiveMod(ts, Timeframe.TicksPerMinute) + Timeframe.TicksPerMinute;
            if (state.Seen.Contains(tick.TradeId))
            {
                _duplicate++;
                return TickVerdict.Duplicate;
            }

            if (minuteEnd <= state.Watermark)
            {
                _late++;
                return TickVerdict.Late;
            }
        }

        state.Seen.Add(tick.TradeId);
        if (_retentionTicks >= 0)
        {
            state.Remember(ts, tick.TradeId);
        }

        var frames = state.Frames;
        for (var f = 0; f < frames.Length; f++)
        {
            ref var bar = ref frames[f].Locate(ts, _frameTicks[f], _timeframes[f]);
            bar.Add(ts, price, tick.Size);
            if (_emitUpdates)
            {
                var update = new SymbolBar(state.Symbol, _timeframes[f], bar.ToBar());
                _sink.OnBarUpdated(in update);
            }
        }

        _accepted++;
        if (!state.HasWatermark || ts - _latenessTicks > state.Watermark)
        {
            state.Watermark = ts - _latenessTicks;
            state.HasWatermark = true;
            CloseThrough(state, state.Watermark);
        }

        return TickVerdict.Accepted;
    }

    /// <summary>
    /// Moves every known symbol's watermark to at least <paramref name="utcNow"/> minus the allowed lateness and closes
    /// the bars that ends. For live feeds, so that a quiet symbol's bars close on time; not used by batch aggregation.
    /// </summary>
    public void AdvanceTo(DateTime utcNow)
    {
        var watermark = utcNow.Ticks - _latenessTicks;
        foreach (var state in _symbols.Values)
        {
            if (!state.HasWatermark || watermark > state.Watermark)
            {
                state.Watermark = watermark;
                state.HasWatermark = true;
                CloseThrough(state, watermark);
            }
        }
    }

    /// <summary>Closes every open bar (end of input). Symbols are flushed in ordinal order, each timeframe in time order.</summary>
    public void Flush()
    {
        var names = new List<string>(_symbols.Keys);
        names.Sort(StringComparer.Ordinal);
        foreach (var name in names)
        {
            CloseThrough(_symbols[name], long.MaxValue);
        }
    }

    private void CloseThrough(SymbolState state, long watermark)
    {
        var frames = state.Frames;
        for (var f = 0; f < frames.Length; f++)
        {
            ref var frame = ref frames[f];
            while (frame.Count > 0 && (watermark == long.MaxValue || frame.Bars[frame.Head].End <= watermark))
            {
                var closed = new SymbolBar(state.Symbol, _timeframes[f], frame.Bars[frame.Head].ToBar());
                frame.RemoveHead();
                _closed++;
                _sink.OnBarClosed(in closed);
            }
        }

        if (_retentionTicks >= 0 && watermark != long.MaxValue)
        {
            state.Forget(watermark - _retentionTicks);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private SymbolState StateFor(Symbol symbol)
    {
        var last = _last;
        var name = symbol.Value;
        if (last is not null && ReferenceEquals(last.Symbol.Value, name))
        {
            return last;
        }

        if (name is null)
        {
            throw new ArgumentException("A tick needs a symbol.", nameof(symbol));
        }

        if (!_symbols.TryGetValue(name, out var state))
        {
            state = new SymbolState(symbol, _timeframes.Length);
            _symbols.Add(name, state);
        }

        _last = state;
        return state;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long PositiveMod(long value, long size)
    {
        var r = value % size;
        return r < 0 ? r + size : r;
    }

    private sealed class SymbolState(Symbol symbol, int frameCount)
    {
        public readonly Symbol Symbol = symbol;
        public readonly FrameState[] Frames = CreateFrames(frameCount);
        public readonly HashSet<TradeId> Seen = [];
        public long Watermark;
        public bool HasWatermark;
        private (long Ts, TradeId Id)[] _memory = [];
        private int _memoryHead;
        private int _memoryCount;

        private static FrameState[] CreateFrames(int count)
        {
            var frames = new FrameState[count];
            for (var i = 0; i < count; i++)
            {
                frames[i] = new FrameState(4);
            }

            return frames;
        }

        // Ids are remembered in arrival order; forgetting from the front is conservative when ticks are out of order.
        public void Remember(long ts, TradeId id)
        {
            if (_memoryCount == _memory.Length)
            {
                var grown = new (long, TradeId)[Math.Max(16, _memory.Length * 2)];
                for (var i = 0; i < _memoryCount; i++)
                {
                    grown[i] = _memory[(_memoryHead + i) % _memory.Length];
                }

                _memory = grown;
                _memoryHead = 0;
            }

            _memory[(_memoryHead + _memoryCount) % _memory.Length] = (ts, id);
            _memoryCount++;
        }

        public void Forget(long horizon)
        {
            while (_memoryCount > 0 && _memory[_memoryHead].Ts < horizon)
            {
                Seen.Remove(_memory[_memoryHead].Id);
                _memory[_memoryHead] = default;
                _memoryHead = (_memoryHead + 1) % _memory.Length;
                _memoryCount--;
            }
        }
    }

    /// <summary>The open bars of one symbol and timeframe: a ring kept sorted by start time (usually one or two bars).</summary>
    private struct FrameState(int capacity)
    {
        public OpenBar[] Bars = new OpenBar[capacity];
        public int Head;
        public int Count;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ref OpenBar Locate(long ts, long size, Timeframe timeframe)
        {
            if (Count > 0)
            {
                ref var newest = ref Bars[(Head + Count - 1) % Bars.Length];
                if (ts >= newest.Start && ts < newest.End)
                {
                    return ref newest;
                }
            }

            return ref LocateSlow(ts, size, timeframe);
        }

        private ref OpenBar LocateSlow(long ts, long size, Timeframe timeframe)
        {
            var start = timeframe.BucketStart(ts);
            var index = Count;
            for (var i = Count - 1; i >= 0; i--)
            {
                ref var bar = ref Bars[(Head + i) % Bars.Length];
                if (bar.Start == start)
                {
                    return ref bar;
                }

                if (bar.Start < start)
                {
                    break;
                }

                index = i;
            }

            if (Count == Bars.Length)
            {
                var grown = new OpenBar[Bars.Length * 2];
                for (var i = 0; i < Count; i++)
                {
                    grown[i] = Bars[(Head + i) % Bars.Length];
                }

                Bars = grown;
                Head = 0;
            }

            for (var i = Count; i > index; i--)
            {
                Bars[(Head + i) % Bars.Length] = Bars[(Head + i - 1) % Bars.Length];
            }

            ref var slot = ref Bars[(Head + index) % Bars.Length];
            slot = new OpenBar(start, start + size);
            Count++;
            return ref slot;
        }

        public void RemoveHead()
        {
            Bars[Head] = default;
            Head = (Head + 1) % Bars.Length;
            Count--;
        }
    }

    private struct OpenBar(long start, long end)
    {
        public readonly long Start = start;
        public readonly long End = end;
        private double _open;
        private double _high;
        private double _low;
        private double _close;
        private long _openTs;
        private long _closeTs;
        private decimal _volume;
        private long _trades;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(long ts, double price, decimal size)
        {
            if (_trades == 0)
            {
                _open = _high = _low = _close = price;
                _openTs = _closeTs = ts;
            }
            else
            {
                if (price > _high)
                {
                    _high = price;
                }

                if (price < _low)
                {
                    _low = price;
                }

                // Arrival sequence only grows, so (ts, seq) ordering reduces to: earlier ts opens, equal-or-later ts closes.
                if (ts < _openTs)
                {
                    _open = price;
                    _openTs = ts;
                }

                if (ts >= _closeTs)
                {
                    _close = price;
                    _closeTs = ts;
                }
            }

            _volume += size;
            _trades++;
        }

        public readonly Bar ToBar() => new(new DateTime(Start, DateTimeKind.Utc), _open, _high, _low, _close, _volume, _trades);
    }
}
