using MarketIntel.Core.Market;
using MarketIntel.Ingestion.Instruments;
using MarketIntel.Ingestion.Providers;

namespace MarketIntel.Ingestion.Simulation;

/// <summary>
/// Polled bars from the <see cref="MarketSimulator"/>, paged by time like a REST provider, with the simulator's bar
/// faults (missing and duplicated bars) applied deterministically. It has no payload to archive: the seed and the code
/// version are the data's provenance.
/// </summary>
public sealed class SimulatorBarProvider(MarketSimulator simulator, int pageSize = 1000) : IBarProvider
{
    private const ulong MissingSalt = 0x4D495353UL;
    private const ulong DuplicateSalt = 0x44555045UL;

    public string Name => ProviderNames.Simulator;

    public int MaxBarsPerPage { get; } = pageSize is >= 1 and <= 100_000 ? pageSize : throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "A page holds 1 to 100,000 bars.");

    public MarketSimulator Simulator { get; } = simulator ?? throw new ArgumentNullException(nameof(simulator));

    public Instrument Resolve(string symbol) => MarketSimulator.Resolve(symbol);

    public bool Supports(Timeframe timeframe) => timeframe.Minutes > 0;

    public Task<BarPageResult> FetchPageAsync(BarPageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var start = BarCursor.Parse(request.Cursor, request.FromUtc);
        var span = request.Timeframe.Ticks * MaxBarsPerPage;
        var end = request.ToUtc.Ticks - start.Ticks <= span ? request.ToUtc : start.AddTicks(span);
        var clean = Simulator.Bars(request.Instrument, request.Timeframe, start, end);
        var faults = Simulator.Options.Faults;
        var delivered = new List<Bar>(clean.Count);
        var key = SimulationRandom.Hash(request.Instrument.Symbol.Value);
        var seed = Simulator.Options.Seed;
        foreach (var bar in clean)
        {
            var t = (ulong)bar.OpenTime.Ticks;
            if (faults.MissingBarRate > 0 && SimulationRandom.Unit(seed, key ^ MissingSalt, (ulong)request.Timeframe.Minutes, t) < faults.MissingBarRate)
            {
                continue;
            }

            delivered.Add(bar);
            if (faults.DuplicateBarRate > 0 && SimulationRandom.Unit(seed, key ^ DuplicateSalt, (ulong)request.Timeframe.Minutes, t) < faults.DuplicateBarRate)
            {
                delivered.Add(bar);
            }
        }

        var (bars, rejections) = BarSanitizer.Clean(delivered, request.Timeframe, request.FromUtc, request.ToUtc);
        var next = end < request.ToUtc ? BarCursor.From(end) : null;
        return Task.FromResult(new BarPageResult(bars, rejections, next, end));
    }
}
