using MarketIntel.Core.Storage;

namespace MarketIntel.Ingestion.Streaming;

/// <summary>
/// The tick states and watermarks this processor wrote last, with their ETags, so the next batch of the same bars does
/// not read them back. Bounded: two generations of at most half the capacity each; a lookup promotes an entry from the
/// older generation, and when the newer one fills, the older one is dropped whole.
/// </summary>
/// <remarks>
/// A cached entry may be stale (another consumer of the symbol wrote since). That is safe because every state and
/// watermark write is conditional on the cached ETag: a stale entry loses the write, and the conflict path re-reads and
/// re-merges. What a stale entry must not do is drive an unconditional write, so <see cref="TickBatchProcessor"/> never
/// re-writes a bar from a cached state alone (see <c>BarWork.Rewrite</c>). Entries are put only after a batch has
/// written its states, bars and watermarks, so a cached state always had its bar written by this process.
/// </remarks>
internal sealed class TickStateCache(int capacity)
{
    private readonly object _gate = new();
    private readonly int _generationSize = Math.Max(1, capacity / 2);
    private Dictionary<(string Partition, string Id), RecordEnvelope<TickBarState>> _states = [];
    private Dictionary<(string Partition, string Id), RecordEnvelope<TickBarState>> _olderStates = [];
    private Dictionary<string, (RecordEnvelope<DateTime> Stored, DateTime Newest)> _watermarks = [];
    private Dictionary<string, (RecordEnvelope<DateTime> Stored, DateTime Newest)> _olderWatermarks = [];

    /// <summary>
    /// The most trade-id bytes (8 per range end or text-id hash) a cached state may hold: a bar with many gaps or text ids
    /// is read from the store each time instead, which bounds the cache at about capacity × 4 KB.
    /// </summary>
    public const int MaxCachedIdBytes = 2048;

    public bool Enabled => capacity > 0;

    public RecordEnvelope<TickBarState>? State(string partition, string id)
    {
        lock (_gate)
        {
            return Get(ref _states, ref _olderStates, (partition, id));
        }
    }

    /// <summary>A symbol's watermark as stored (with its ETag) and the newest tick this processor accepted, which may be later.</summary>
    public bool TryGetWatermark(string symbol, out (RecordEnvelope<DateTime> Stored, DateTime Newest) watermark)
    {
        lock (_gate)
        {
            if (_watermarks.TryGetValue(symbol, out watermark))
            {
                return true;
            }

            if (_olderWatermarks.Remove(symbol, out watermark))
            {
                Set(ref _watermarks, ref _olderWatermarks, symbol, watermark);
                return true;
            }

            return false;
        }
    }

    public void Put(RecordEnvelope<TickBarState> state)
    {
        var ids = state.Payload;
        if (ids.TradeIds is not null || ((ids.IdRanges?.Count ?? 0) * sizeof(long)) + (ids.TextIdHashes?.Length ?? 0) > MaxCachedIdBytes)
        {
            Forget(state.PartitionKey, state.Id);
            return;
        }

        lock (_gate)
        {
            Set(ref _states, ref _olderStates, (state.PartitionKey, state.Id), state);
        }
    }

    public void Put(string symbol, RecordEnvelope<DateTime> stored, DateTime newest)
    {
        lock (_gate)
        {
            Set(ref _watermarks, ref _olderWatermarks, symbol, (stored, newest));
        }
    }

    public void Forget(string partition, string id)
    {
        lock (_gate)
        {
            _states.Remove((partition, id));
            _olderStates.Remove((partition, id));
        }
    }

    private TValue? Get<TKey, TValue>(ref Dictionary<TKey, TValue> newer, ref Dictionary<TKey, TValue> older, TKey key)
        where TKey : notnull
        where TValue : class
    {
        if (newer.TryGetValue(key, out var value))
        {
            return value;
        }

        if (older.Remove(key, out value))
        {
            Set(ref newer, ref older, key, value);
            return value;
        }

        return null;
    }

    private void Set<TKey, TValue>(ref Dictionary<TKey, TValue> newer, ref Dictionary<TKey, TValue> older, TKey key, TValue value)
        where TKey : notnull
    {
        if (!Enabled)
        {
            return;
        }

        if (!newer.ContainsKey(key) && newer.Count >= _generationSize)
        {
            older = newer;
            newer = new Dictionary<TKey, TValue>(_generationSize);
        }

        older.Remove(key);
        newer[key] = value;
    }
}
