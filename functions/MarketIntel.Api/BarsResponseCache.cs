using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace MarketIntel.Api;

/// <summary>
/// Pre-serialized <c>/api/bars</c> and <c>/api/indicators/{symbol}</c> responses, in a <see cref="MemoryCache"/> capped at
/// <see cref="ApiOptions.BarsCacheMegabytes"/> (entries sized by their bytes, least recently used evicted first). An
/// entry remembers the symbol's <see cref="BarSeriesVersions"/> version it was read under and is served only while that
/// version is current: any bar write for the symbol in this process (every timeframe, because coarser ones are
/// resampled from the stored one) makes the next request read the store again. Writes by another process are not seen,
/// which is why the Functions app, scaled out over instances, leaves the cache off unless configured.
/// </summary>
public sealed class BarsResponseCache : IDisposable
{
    // Key, entry and bookkeeping of one cached response, counted against the size limit besides its body.
    private const int EntryOverheadBytes = 256;

    private readonly BarSeriesVersions _versions;
    private readonly JsonOptions _json;
    private readonly MemoryCache? _cache;

    public BarsResponseCache(BarSeriesVersions versions, IOptions<JsonOptions> json, ApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(options);
        _versions = versions;
        _json = json.Value;
        if (options.BarsCacheMegabytes > 0)
        {
            _cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.BarsCacheMegabytes * 1_048_576L });
        }
    }

    public bool Enabled => _cache is not null;

    /// <summary>Responses held now (for tests and metrics).</summary>
    public int Count => _cache?.Count ?? 0;

    /// <summary>The cached response of <paramref name="key"/> if its symbol has not been written since; otherwise reads, serializes and keeps it.</summary>
    public Task<SerializedJson> GetOrCreateAsync(BarsCacheKey key, Func<CancellationToken, Task<BarsResponse>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        return GetOrCreateAsync(key, key.Symbol, read, cancellationToken);
    }

    /// <summary>
    /// The same for any response computed from one symbol's stored bars alone (an indicator evaluation): <paramref name="key"/>
    /// must hold everything else the response depends on, and keys of different routes are different record types.
    /// </summary>
    public async Task<SerializedJson> GetOrCreateAsync<TResponse>(object key, string symbol, Func<CancellationToken, Task<TResponse>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(read);

        // Taken before the read: a write during the read leaves this entry outdated at once.
        var version = _versions.Current(new Symbol(symbol));
        if (_cache is not null && _cache.TryGetValue(key, out var found) && found is Entry entry && entry.Version == version)
        {
            return entry.Json;
        }

        var json = SerializedJson.Create(await read(cancellationToken).ConfigureAwait(false), _json.SerializerOptions);
        _cache?.Set(key, new Entry(version, json), new MemoryCacheEntryOptions
        {
            Size = json.Utf8.Length + EntryOverheadBytes,

            // Windows that follow the clock move on every minute; their old entries leave without waiting for pressure.
            SlidingExpiration = TimeSpan.FromMinutes(5),
        });
        return json;
    }

    public void Dispose() => _cache?.Dispose();

    private sealed record Entry(long Version, SerializedJson Json);
}
