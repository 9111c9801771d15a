using MarketIntel.Core.Market;
using MarketIntel.Ingestion.Instruments;

namespace MarketIntel.Ingestion.Providers;

/// <summary>
/// Polled bars (REST): one page per call for one instrument, timeframe and time range. Callers follow
/// <see cref="BarPageResult.NextCursor"/> until it is null. Pages are cleaned (<see cref="BarSanitizer"/>): in time order,
/// one bar per open time, inside the range, on the timeframe's grid, with sane values; what was dropped is listed.
/// </summary>
public interface IBarProvider
{
    /// <summary>The provider's name (<see cref="ProviderNames"/>).</summary>
    string Name { get; }

    /// <summary>The most bars one page can hold.</summary>
    int MaxBarsPerPage { get; }

    /// <summary>The canonical instrument for a symbol spelling, as this provider's venue quotes it.</summary>
    /// <exception cref="ArgumentException">The provider cannot quote the symbol; the message says why.</exception>
    Instrument Resolve(string symbol);

    bool Supports(Timeframe timeframe);

    /// <exception cref="ProviderRequestException">The provider answered with an error after the resilience pipeline gave up.</exception>
    /// <exception cref="PayloadRejectedException">The payload was archived but is not in the provider's documented format.</exception>
    Task<BarPageResult> FetchPageAsync(BarPageRequest request, CancellationToken cancellationToken = default);
}
