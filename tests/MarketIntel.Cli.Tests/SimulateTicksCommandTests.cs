using MarketIntel.Core.Market;
using MarketIntel.Core.Market.Csv;
using MarketIntel.Ingestion.Simulation;

namespace MarketIntel.Cli.Tests;

public sealed class SimulateTicksCommandTests
{
    // Monday 4 March 2024, 15:00 UTC (10:00 in New York): the NYSE session is open, so the equity trades as well as the crypto pair.
    private static readonly DateTime From = new(2024, 3, 4, 15, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void WithoutFaults_TheFileHoldsTheSimulatorsTradesInTimeOrder()
    {
        using var cli = new CliHarness();
        var path = cli.PathOf("ticks.csv");

        var (exit, _, err) = cli.Run("simulate-ticks", "--symbols", "btc-usd,AAPL", "--start", "2024-03-04T15:00:00Z", "--minutes", "30", "--seed", "7", "--out", path);

        Assert.True(exit == 0, err);
        var simulator = new MarketSimulator(new MarketSimulatorOptions { Seed = 7 });
        var btc = simulator.Ticks(MarketSimulator.Resolve("BTC-USD"), From, From.AddMinutes(30));
        var aapl = simulator.Ticks(MarketSimulator.Resolve("AAPL"), From, From.AddMinutes(30));
        var expected = btc.Concat(aapl).OrderBy(t => t.Timestamp).ToList();
        Assert.NotEmpty(btc);
        Assert.NotEmpty(aapl);
        Assert.Equal(expected, Read(path));
        Assert.Contains($"simulate-ticks: {expected.Count} ticks for 2 symbols", err, StringComparison.Ordinal);
    }

    [Fact]
    public void WithFaults_LateAndRepeatedTradesAreRejected_AndALatenessCoveringThemRebuildsTheSimulatorsBars()
    {
        using var cli = new CliHarness();
        var path = cli.PathOf("ticks.csv");
        Assert.Equal(0, cli.Run("simulate-ticks", "--symbols", "BTC-USD,ETH-USD", "--start", "2024-03-04T15:00:00Z", "--minutes", "120", "--faults", "--out", path).Exit);
        var ticks = Read(path);
        Assert.True(ticks.Count > ticks.Select(t => (t.Symbol, t.TradeId)).Distinct().Count(), "some trades must arrive twice");
        Assert.Contains(ticks.Zip(ticks.Skip(1)), p => p.Second.Timestamp < p.First.Timestamp.AddSeconds(-60));

        var strict = cli.Run("aggregate", "--ticks", path, "--allowed-lateness", "5s", "--timeframe", "1m", "--out", cli.PathOf("strict"));
        Assert.True(strict.Exit == 0, strict.Err);
        var reasons = File.ReadAllLines(cli.PathOf("strict/rejected.csv")).Skip(1).Select(l => l.Split(',')[1]).ToHashSet();
        Assert.Equal(["duplicate", "late"], reasons.Order(StringComparer.Ordinal));

        // Late trades come 90 s behind: a two-minute lateness accepts them all, and only the repeats are rejected.
        // The last two minutes are left out: late trades due after the end of a replay are never delivered.
        var lenient = cli.Run("aggregate", "--ticks", path, "--allowed-lateness", "2m", "--timeframe", "1m", "--out", cli.PathOf("lenient"));
        Assert.True(lenient.Exit == 0, lenient.Err);
        Assert.DoesNotContain(File.ReadAllLines(cli.PathOf("lenient/rejected.csv")).Skip(1), l => !l.EndsWith(",duplicate", StringComparison.Ordinal));
        var simulator = new MarketSimulator();
        foreach (var symbol in new[] { "BTC-USD", "ETH-USD" })
        {
            var expected = simulator.Bars(MarketSimulator.Resolve(symbol), Timeframe.OneMinute, From, From.AddMinutes(118))
                .Select(b => $"{symbol},{MarketText.FormatBarTime(b.OpenTime)},{MarketText.Format(b.Open)},{MarketText.Format(b.High)},{MarketText.Format(b.Low)},{MarketText.Format(b.Close)},{MarketText.Format(b.Volume)},{b.Trades}");
            var written = File.ReadAllLines(cli.PathOf("lenient/1m.csv")).Where(l => l.StartsWith(symbol + ",", StringComparison.Ordinal)).Take(118);
            Assert.Equal(expected, written);
        }
    }

    [Fact]
    public void TheSeedDecidesTheStream()
    {
        using var cli = new CliHarness();
        string Simulate(string name, string seed)
        {
            Assert.Equal(0, cli.Run("simulate-ticks", "--minutes", "10", "--seed", seed, "--faults", "--out", cli.PathOf(name)).Exit);
            return File.ReadAllText(cli.PathOf(name));
        }

        var first = Simulate("a.csv", "3");
        Assert.Equal(first, Simulate("b.csv", "3"));
        Assert.NotEqual(first, Simulate("c.csv", "4"));
    }

    [Theory]
    [InlineData("--symbols", "BAD SYMBOL", "--symbols:")]
    [InlineData("--trades-per-minute", "0", "--trades-per-minute in (0, 1000]")]
    [InlineData("--trades-per-minute", "1001", "--trades-per-minute in (0, 1000]")]
    [InlineData("--start", "soon", "--start: 'soon' is not an ISO 8601 time")]
    public void BadArguments_ExitTwoWithAReason(string option, string value, string message)
    {
        using var cli = new CliHarness();

        var (exit, _, err) = cli.Run("simulate-ticks", option, value, "--out", cli.PathOf("t.csv"));

        Assert.Equal(2, exit);
        Assert.Contains(message, err, StringComparison.Ordinal);
        Assert.False(File.Exists(cli.PathOf("t.csv")));
    }

    private static List<Tick> Read(string path)
    {
        using var reader = new StreamReader(path);
        var csv = new TickCsvReader(reader, path);
        var ticks = new List<Tick>();
        while (csv.TryRead(out var record))
        {
            Assert.True(record.IsValid, record.InvalidReason);
            ticks.Add(record.Tick);
        }

        return ticks;
    }
}
