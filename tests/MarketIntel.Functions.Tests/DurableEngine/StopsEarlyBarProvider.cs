using MarketIntel.Ingestion.Instruments;
using MarketIntel.Ingestion.Providers;
using MarketIntel.Ingestion.Simulation;

namespace MarketIntel.Functions.Tests.DurableEngine;

/// <summary>
/// The simulator's bars (pages of 60) under another provider name, whose request for one symbol's page number
/// <paramref name="failingPage"/> fails once (as a provider that is down fails once the resilience pipeline gives up):
/// ingestion then stops that series early and reports the rest as a gap; later requests succeed, so the backfill can
/// close it.
/// </summary>
public sealed class StopsEarlyBarProvider(MarketSimulator simulator, string failingSymbol, int failingPage) : IBarProvider
{
    public const string ProviderName = "stops-early";

    private readonly SimulatorBarProvider _inner = new(simulator, pageSize: 60);
    private int _failures;
    private int _pages;

    public string Name => ProviderName;

    public int MaxBarsPerPage => _inner.MaxBarsPerPage;

    /// <summary>How many requests failed.</summary>
    public int Failures => Volatile.Read(ref _failures);

    public Instrument Resolve(string symbol) => _inner.Resolve(symbol);

    public bool Supports(MarketIntel.Core.Market.Timeframe timeframe) => _inner.Supports(timeframe);

    public Task<BarPageResult> FetchPageAsync(BarPageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Instrument.Symbol.Value == failingSymbol && Interlocked.Increment(ref _pages) == failingPage)
        {
            Interlocked.Increment(ref _failures);
            throw new ProviderRequestException(ProviderName, 503, "service unavailable (injected)", null);
        }

        return _inner.FetchPageAsync(request, cancellationToken);
    }
}
