using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using MarketIntel.Ingestion.Service;

namespace MarketIntel.Ingestion.Streaming;

/// <summary>Settings of a <see cref="TickBatchProcessor"/>.</summary>
public sealed record TickBatchOptions
{
    /// <summary>The source name: raw archive provider, bar provenance and metrics key (letters, digits, '-', '_', '.').</summary>
    public string Source { get; init; } = "ticks";

    /// <summary>The timeframe of the bars built from ticks; coarser ones are resampled from these downstream.</summary>
    public Timeframe Timeframe { get; init; } = Timeframe.OneMinute;

    /// <summary>How far behind a symbol's newest accepted tick a tick may arrive and still revise its bar.</summary>
    public TimeSpan AllowedLateness { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a bar's merge state (its accepted trade ids) is kept. Must exceed the allowed lateness plus the longest
    /// re-delivery delay: a re-delivered tick older than this is then rejected as late, never counted twice. By default the
    /// state kind's own time to live (<see cref="RecordKinds.TickBarState"/>, two days); each state record carries this value.
    /// </summary>
    public TimeSpan StateRetention { get; init; } = RecordKinds.TickBarState.TimeToLive!.Value;

    /// <summary>
    /// The most numeric id ranges a bar's state keeps (<see cref="TradeIdSet"/>): consecutive ids are one range, so only
    /// a bar with this many holes reaches it; beyond, the smallest gap is absorbed. At most 16,384 (about 700 KB of state).
    /// </summary>
    public int MaxIdRangesPerBar { get; init; } = 1024;

    /// <summary>
    /// The most text (non-integer) trade ids a bar's state keeps, as 8-byte hashes; a further text-id trade of that bar
    /// is rejected (<c>overflow</c>) rather than risk counting it twice. At most 65,536 (about 700 KB of state).
    /// </summary>
    public int MaxTextIdsPerBar { get; init; } = 16_384;

    /// <summary>
    /// How many bar states (and as many symbol watermarks) the processor keeps from its own writes so the next batch of the
    /// same bars need not read them back (<see cref="TickStateCache"/>); 0 reads every one. States holding more than
    /// <see cref="TickStateCache.MaxCachedIdBytes"/> of trade ids are not kept, so the cache stays a few MB at most.
    /// </summary>
    public int StateCacheCapacity { get; init; } = 4096;

    public string CodeVersion { get; init; } = IngestionInfo.CodeVersion;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(AllowedLateness, TimeSpan.Zero);
        // Both at their maximum keep a state record (JSON: up to 42 characters per range, 11 per text hash) under the 2 MB record limit.
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxIdRangesPerBar, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxIdRangesPerBar, 16_384);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTextIdsPerBar, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxTextIdsPerBar, 65_536);
        ArgumentOutOfRangeException.ThrowIfLessThan(StateCacheCapacity, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(StateCacheCapacity, 1_000_000);
        if (StateRetention <= AllowedLateness + Timeframe.Duration)
        {
            throw new ArgumentOutOfRangeException(nameof(StateRetention), StateRetention, "State retention must exceed the allowed lateness plus one bar.");
        }
    }
}
