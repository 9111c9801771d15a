using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using MarketIntel.Core.Market;

namespace MarketIntel.Core.Storage;

/// <summary>
/// A write counter per symbol, advanced after every bar write made through <see cref="VersionedBarStore"/> in this
/// process. Whatever is derived from a symbol's stored bars (any timeframe, including ones resampled from the stored
/// one) is valid only while the version it was read under is still current: a reader takes the version before reading,
/// so a write that lands during the read leaves the result already outdated, never wrongly current.
/// </summary>
public sealed class BarSeriesVersions
{
    private readonly ConcurrentDictionary<string, StrongBox<long>> _versions = new(StringComparer.Ordinal);

    public long Current(Symbol symbol) => _versions.TryGetValue(symbol.Value, out var box) ? Volatile.Read(ref box.Value) : 0;

    public void Advance(Symbol symbol) => Interlocked.Increment(ref _versions.GetOrAdd(symbol.Value, static _ => new StrongBox<long>()).Value);
}
