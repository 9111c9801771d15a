using System.CommandLine;
using MarketIntel.Cli.Commands;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using MarketIntel.Ingestion.Simulation;
using MarketIntel.Ingestion.Streaming;
using Microsoft.Extensions.DependencyInjection;
using Symbol = MarketIntel.Core.Market.Symbol;

namespace MarketIntel.Cli.Tests;

public sealed class TicksCommandTests : IDisposable
{
    private static readonly DateTime Start = new(2024, 3, 4, 9, 0, 0, DateTimeKind.Utc);
    private readonly CliHarness cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public async Task Replay_StoresTheBarsOfOneAggregatorRun_AndReplayingAgainAddsNothing()
    {
        // The simulator's stream with late (90 s) and repeated trades, in arrival order.
        var simulator = new MarketSimulator(new MarketSimulatorOptions { Faults = new SimulatedFaults { LateTickRate = 0.05, DuplicateTickRate = 0.02 } });
        var ticks = new List<Tick>();
        foreach (var symbol in new[] { "BTC-USD", "ETH-USD" })
        {
            ticks.AddRange(simulator.Ticks(MarketSimulator.Resolve(symbol), Start, Start.AddMinutes(30)));
        }

        var arrival = ticks.SelectMany((t, i) => (IEnumerable<(DateTime At, int Order, Tick Tick)>)[(t.Timestamp + (i % 20 == 0 ? TimeSpan.FromSeconds(90) : TimeSpan.Zero), i, t), .. (i % 50 == 0 ? [(t.Timestamp.AddSeconds(1), i, t)] : Array.Empty<(DateTime, int, Tick)>())])
            .OrderBy(a => a.At).ThenBy(a => a.Order).Select(a => a.Tick).ToList();
        var file = cli.Write("ticks.jsonl", string.Join('\n', arrival.Select(t => TickMessageFormat.Format(t))) + "\n");
        var data = cli.PathOf("data");

        var (code, output, log) = Run("ticks", "replay", "--messages", file, "--batch", "100", "--store", "embedded", "--data", data);

        Assert.Equal(CliRunner.Ok, code);
        var reference = new ClosedBars();
        var aggregator = new TickAggregator(new TickAggregatorOptions { Timeframes = [Timeframe.OneMinute], AllowedLateness = new TickBatchOptions().AllowedLateness }, reference);
        foreach (var tick in arrival)
        {
            aggregator.Offer(tick);
        }

        aggregator.Flush();
        var counters = aggregator.Counters;
        Assert.True(counters.Duplicate > 0 && counters.Late > 0);
        Assert.Contains($"{arrival.Count} messages in {(arrival.Count + 99) / 100} batches of at most 100: {counters.Accepted} accepted, {arrival.Count - counters.Accepted} rejected (duplicate: {counters.Duplicate}, late: {counters.Late})", log, StringComparison.Ordinal);
        Assert.Contains(": duplicate: trade ", output, StringComparison.Ordinal);
        using (var services = BarsCommand.Services(data))
        {
            foreach (var symbol in new[] { "BTC-USD", "ETH-USD" })
            {
                var expected = reference.Bars.Where(b => b.Symbol.Value == symbol).Select(b => b.Bar).ToList();
                var stored = (await services.GetRequiredService<IBarStore>().ReadAsync(new BarRangeQuery(new Symbol(symbol), Timeframe.OneMinute, Start, Start.AddHours(1), 1000))).Bars;
                Assert.Equal(expected, stored);
            }
        }

        var (again, _, againLog) = Run("ticks", "replay", "--messages", file, "--batch", "1000", "--data", data);
        Assert.Equal(CliRunner.Ok, again);
        Assert.Contains(": 0 accepted,", againLog, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"symbol":"BTC-USD","size":1,"time":"2024-03-04T09:00:01Z","tradeId":2}""", "line 2: field 'price' is missing")]
    [InlineData("""{"symbol":"BTC-USD","price":"64000","size":1,"time":"2024-03-04T09:00:01Z","tradeId":2}""", "line 2: field 'price' must be a number, not String")]
    [InlineData("""{"symbol":"BTC-USD","price":64000,""", "line 2: not JSON")]
    [InlineData("[1,2]", "line 2: expected a JSON object, got Array")]
    public void AMalformedFile_ExitsWith2_NamingTheLineAndField_AndStoresNothing(string badLine, string message)
    {
        var file = cli.Write("bad.jsonl", """{"symbol":"BTC-USD","price":64000,"size":1,"time":"2024-03-04T09:00:00Z","tradeId":1}""" + "\n" + badLine + "\n");
        var data = cli.PathOf("data");

        var (code, _, log) = Run("ticks", "replay", "--messages", file, "--data", data);

        Assert.Equal(CliRunner.BadInput, code);
        Assert.Contains(message, log, StringComparison.Ordinal);
        Assert.False(Directory.Exists(data) && Directory.EnumerateFiles(data, "*", SearchOption.AllDirectories).Any(), "nothing is stored");
    }

    [Fact]
    public void AnInvalidValue_IsTheProcessorsRejection_ReportedWithItsLine()
    {
        var file = cli.Write("ticks.jsonl", """
            {"symbol":"BTC-USD","price":64000,"size":1,"time":"2024-03-04T09:00:00Z","tradeId":1}

            {"symbol":"BTC-USD","price":0,"size":1,"time":"2024-03-04T09:00:01Z","tradeId":2}
            """);

        var (code, output, log) = Run("ticks", "replay", "--messages", file, "--data", cli.PathOf("data"));

        Assert.Equal(CliRunner.Ok, code);
        Assert.Contains("line 3: invalid: price: a finite number > 0 is required", output, StringComparison.Ordinal);
        Assert.Contains("2 messages in 1 batches of at most 1000: 1 accepted, 1 rejected (invalid: 1)", log, StringComparison.Ordinal);
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var root = new RootCommand("test") { TicksCommand.Create() };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CliRunner.Run(root, args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private sealed class ClosedBars : IBarSink
    {
        public List<SymbolBar> Bars { get; } = [];

        public void OnBarUpdated(in SymbolBar bar)
        {
        }

        public void OnBarClosed(in SymbolBar bar) => Bars.Add(bar);
    }
}
