using System.CommandLine;
using System.Globalization;
using MarketIntel.Core.Market;
using MarketIntel.Core.Market.Csv;
using MarketIntel.Ingestion.Instruments;
using MarketIntel.Ingestion.Providers;
using MarketIntel.Ingestion.Simulation;

namespace MarketIntel.Cli.Commands;

/// <summary>
/// <c>marketintel simulate-ticks</c>: the market simulator's trades (the same the <c>simulator</c> provider serves for the
/// seed) as a tick CSV in arrival order, optionally with its stream faults (late and duplicated trades).
/// </summary>
public static class SimulateTicksCommand
{
    /// <summary>The stream faults <c>--faults</c> injects: enough late and repeated trades for the aggregator to reject some.</summary>
    private static readonly SimulatedFaults Faults = new() { LateTickRate = 0.05, DuplicateTickRate = 0.01 };

    public static Command Create()
    {
        var defaults = new MarketSimulatorOptions();
        var symbols = new Option<string>("--symbols") { Description = "Comma-separated symbols (equities trade in their exchange's sessions only).", DefaultValueFactory = _ => "BTC-USD,ETH-USD" };
        var start = new Option<string>("--start") { Description = "First tick time (ISO 8601 UTC).", DefaultValueFactory = _ => "2024-03-09T23:50:00Z" };
        var minutes = new Option<int>("--minutes") { Description = "Minutes of trading to simulate.", DefaultValueFactory = _ => 60 };
        var rate = new Option<double>("--trades-per-minute") { Description = "Mean trades per minute of a symbol of average liquidity mid-session (at most 1000).", DefaultValueFactory = _ => defaults.TradesPerMinute };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the simulated market.", DefaultValueFactory = _ => defaults.Seed };
        var faults = new Option<bool>("--faults") { Description = "Deliver some trades late (90 s) and some twice, as the simulator's stream does." };
        var output = new Option<string>("--out") { Description = "Output ticks CSV.", Required = true };
        var command = new Command("simulate-ticks", "Write the market simulator's trade ticks in arrival order.") { symbols, start, minutes, rate, seed, faults, output };
        command.SetAction(parse =>
        {
            var list = (parse.GetValue(symbols) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (list.Length == 0)
            {
                throw new CliUsageException("--symbols: at least one symbol is required");
            }

            var instruments = new List<Instrument>();
            foreach (var text in list)
            {
                if (!SymbolNormalizer.TryNormalize(text, MarketSimulator.Venue, null, out var instrument, out var error))
                {
                    throw new CliUsageException($"--symbols: {error}");
                }

                instruments.Add(instrument);
            }

            if (!MarketText.TryParseUtc(parse.GetValue(start), out var first))
            {
                throw new CliUsageException($"--start: '{parse.GetValue(start)}' is not an ISO 8601 time");
            }

            var m = parse.GetValue(minutes);
            var r = parse.GetValue(rate);
            if (m <= 0 || !(r is > 0 and <= 1000))
            {
                throw new CliUsageException("--minutes must be positive and --trades-per-minute in (0, 1000]");
            }

            var simulator = new MarketSimulator(defaults with { Seed = parse.GetValue(seed), TradesPerMinute = r, Faults = parse.GetValue(faults) ? Faults : SimulatedFaults.None });
            var ticks = Replay(simulator, instruments, first, first.AddMinutes(m));
            var path = parse.GetValue(output)!;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            using var writer = new StreamWriter(path);
            writer.Write("timestamp,symbol,price,size,trade_id\n");
            foreach (var t in ticks)
            {
                writer.Write(t.Timestamp.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
                writer.Write($",{t.Symbol.Value},{MarketText.Format(t.Price)},{MarketText.Format(t.Size)},{t.TradeId}\n");
            }

            parse.InvocationConfiguration.Error.WriteLine($"simulate-ticks: {ticks.Count} ticks for {list.Length} symbols in {path}");
            return CliRunner.Ok;
        });
        return command;
    }

    /// <summary>
    /// The simulator's trade stream replayed unpaced (no clock is read) over [from, to): its trades in delivery order.
    /// The stream works in whole minutes, so trades outside the range are dropped; late trades due after the end are
    /// never delivered, as when a live stream stops.
    /// </summary>
    private static List<Tick> Replay(MarketSimulator simulator, IReadOnlyList<Instrument> instruments, DateTime fromUtc, DateTime toUtc)
    {
        var stream = new SimulatorTradeStream(simulator, TimeProvider.System, new SimulatorStreamOptions { StartUtc = fromUtc, EndUtc = toUtc, Paced = false });
        return ReadTradesAsync(stream, instruments, fromUtc, toUtc).GetAwaiter().GetResult();
    }

    private static async Task<List<Tick>> ReadTradesAsync(SimulatorTradeStream stream, IReadOnlyList<Instrument> instruments, DateTime fromUtc, DateTime toUtc)
    {
        var ticks = new List<Tick>();
        await foreach (var e in stream.StreamAsync(instruments).ConfigureAwait(false))
        {
            if (e.Kind == TradeStreamEventKind.Trade && e.Tick.Timestamp >= fromUtc && e.Tick.Timestamp < toUtc)
            {
                ticks.Add(e.Tick);
            }
        }

        return ticks;
    }
}
