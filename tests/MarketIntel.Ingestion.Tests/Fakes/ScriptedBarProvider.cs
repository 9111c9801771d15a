using MarketIntel.Core.Market;
using MarketIntel.Ingestion.Instruments;
using MarketIntel.Ingestion.Providers;

namespace MarketIntel.Ingestion.Tests.Fakes;

/// <summary>Wraps a provider: counts calls, can throw on chosen calls and transform pages (to drop bars, say).</summary>
public sealed class ScriptedBarProvider(IBarProvider inner) : IBarProvider
{
    private int _calls;

    public Func<int, BarPageRequest, Exception?> Fault { get; set; } = (_, _) => null;

    public Func<int, BarPageResult, BarPageResult> Transform { get; set; } = (_, page) => page;

    public List<BarPageRequest> Requests { get; } = [];

    public int Calls => _calls;

    public string Name => inner.Name;

    public int MaxBarsPerPage => inner.MaxBarsPerPage;

    public Instrument Resolve(string symbol) => inner.Resolve(symbol);

    public bool Supports(Timeframe timeframe) => inner.Supports(timeframe);

    public async Task<BarPageResult> FetchPageAsync(BarPageRequest request, CancellationToken cancellationToken = default)
    {
        var call = Interlocked.Increment(ref _calls);
        lock (Requests)
        {
            Requests.Add(request);
        }

        if (Fault(call, request) is { } fault)
        {
            throw fault;
        }

        return Transform(call, await inner.FetchPageAsync(request, cancellationToken));
    }
}
