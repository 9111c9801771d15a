using System.CommandLine;
using System.Globalization;
using MarketIntel.Core.Market;
using MarketIntel.Core.Market.Csv;

namespace MarketIntel.Cli.Commands;

/// <summary><c>marketintel simulate-ticks</c>: a seeded tick CSV (optionally with faults) for demos and tests.</summary>
public static class SimulateTicksCommand
{
    public static Command Create()
    {
        var symbols = new Option<string>("--symbols") { Description = "Comma-separated symbols.", DefaultValueFactory = _ => "BTC-USD,ETH-USD" };
        var start = new Option<string>("--start") { Description = "First tick time (ISO 8601 UTC).", DefaultValueFactory = _ => "2024-03-09T23:50:00Z" };
        var minutes = new Option<int>("--minutes") { Description = "Minutes of trading to simulate.", DefaultValueFactory = _ => 60 };
        var rate = new Option<double>("--trades-per-second") { Description = "Average trades per second per symbol.", DefaultValueFactory = _ => 2 };
        var seed = new Option<ulong>("--seed") { Description = "Random seed.", DefaultValueFactory = _ => 1 };
        var faults = new Option<bool>("--faults") { Description = "Inject out-of-order, duplicate, late and invalid ticks." };
        var output = new Option<string>("--out") { Description = "Output ticks CSV.", Required = true };
        var command = new Command("simulate-ticks", "Write a seeded stream of trade ticks in arrival order.") { symbols, start, minutes, rate, seed, faults, output };
        command.SetAction(parse =>
        {
            var list = (parse.GetValue(symbols) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (list.Length == 0)
            {
                throw new CliUsageException("--symbols: at least one symbol is required");
            }

            if (!MarketText.TryParseUtc(parse.GetValue(start), out var first))
            {
                throw new CliUsageException($"--start: '{parse.GetValue(start)}' is not an ISO 8601 time");
            }

            var m = parse.GetValue(minutes);
            var r = parse.GetValue(rate);
            if (m <= 0 || r <= 0 || !double.IsFinite(r))
            {
                throw new CliUsageException("--minutes and --trades-per-second must be positive");
            }

            var injectFaults = parse.GetValue(faults);
            var ticks = SyntheticTickStream.Generate(new SyntheticTickStreamOptions
            {
                Symbols = Array.ConvertAll(list, s => new Core.Market.Symbol(s)),
                Start = first,
                Duration = TimeSpan.FromMinutes(m),
                TradesPerSecond = r,
                Seed = parse.GetValue(seed),
                OutOfOrderRate = injectFaults ? 0.05 : 0,
                DuplicateRate = injectFaults ? 0.01 : 0,
                LateRate = injectFaults ? 0.002 : 0,
                InvalidRate = injectFaults ? 0.002 : 0,
            });
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
}
