using System.Globalization;
using MarketIntel.Core.Market;
using MarketIntel.Core.Market.Csv;
using MarketIntel.Core.Tests.Market;

namespace MarketIntel.Cli.Tests;

public sealed class AggregateCommandTests
{
    [Fact]
    public void HandWrittenTicks_GiveExactBarAndRejectionFiles()
    {
        using var cli = new CliHarness();
        var ticks = cli.Write("ticks.csv", """
            timestamp,symbol,price,size,trade_id
            2024-03-09T23:50:01.250Z,BTC-USD,100.5,0.5,1
            2024-03-09T23:50:30Z,ETH-USD,10,2,1
            2024-03-09T23:50:59.999Z,BTC-USD,101,0.25,2
            2024-03-09T23:51:04Z,BTC-USD,99.75,1,3
            2024-03-09T23:50:58Z,BTC-USD,102,1,4
            2024-03-09T23:51:05Z,BTC-USD,98,1,3
            2024-03-09T23:51:06Z,BTC-USD,0,1,5
            2024-03-09T23:50:59Z,BTC-USD,103,1,6
            nonsense,BTC-USD,100,1,7
            2024-03-09T23:56:00Z,BTC-USD,104,3,8
            """.Replace("\r", string.Empty, StringComparison.Ordinal));
        var (exit, _, err) = cli.Run("aggregate", "--ticks", ticks, "--allowed-lateness", "5s", "--timeframe", "1m", "--timeframe", "5m", "--out", cli.PathOf("out"));
        Assert.True(exit == 0, err);

        // Arrival 4 (23:50:58) comes when the watermark is 23:50:59 (23:51:04 − 5 s): its minute is still open.
        // Arrival 7 (23:50:59) comes after 23:51:05 moved nothing (23:51:05 was a duplicate), so it is accepted too.
        Assert.Equal("""
            symbol,timestamp,open,high,low,close,volume,trades
            BTC-USD,2024-03-09T23:50:00Z,100.5,103,100.5,101,2.75,4
            BTC-USD,2024-03-09T23:51:00Z,99.75,99.75,99.75,99.75,1,1
            BTC-USD,2024-03-09T23:56:00Z,104,104,104,104,3,1
            ETH-USD,2024-03-09T23:50:00Z,10,10,10,10,2,1

            """.Replace("\r", string.Empty, StringComparison.Ordinal), File.ReadAllText(cli.PathOf("out/1m.csv")));
        Assert.Equal("""
            symbol,timestamp,open,high,low,close,volume,trades
            BTC-USD,2024-03-09T23:50:00Z,100.5,103,99.75,99.75,3.75,5
            BTC-USD,2024-03-09T23:55:00Z,104,104,104,104,3,1
            ETH-USD,2024-03-09T23:50:00Z,10,10,10,10,2,1

            """.Replace("\r", string.Empty, StringComparison.Ordinal), File.ReadAllText(cli.PathOf("out/5m.csv")));
        Assert.Equal("arrival_index,reason\n5,duplicate\n6,invalid\n8,invalid\n", File.ReadAllText(cli.PathOf("out/rejected.csv")));
        Assert.Contains("10 ticks: 7 accepted, 2 invalid, 1 duplicate, 0 late", err, StringComparison.Ordinal);
    }

    [Fact]
    public void LateTick_IsListedWithItsArrivalIndex()
    {
        using var cli = new CliHarness();
        var ticks = cli.Write("ticks.csv", "timestamp,symbol,price,size,trade_id\n2024-03-09T23:52:00Z,A,1,1,1\n2024-03-09T23:50:30Z,A,1,1,2\n");
        Assert.Equal(0, cli.Run("aggregate", "--ticks", ticks, "--allowed-lateness", "1m", "--timeframe", "1m", "--out", cli.PathOf("o")).Exit);
        Assert.Equal("arrival_index,reason\n1,late\n", File.ReadAllText(cli.PathOf("o/rejected.csv")));
    }

    [Theory]
    [InlineData(3, 5)]
    [InlineData(4, 0)]
    public void SimulatedStream_FilesMatchBruteForce(int seed, int latenessSeconds)
    {
        using var cli = new CliHarness();
        var ticks = FaultyTickStream.Generate(seed);
        var path = cli.PathOf("ticks.csv");
        using (var w = new StreamWriter(path))
        {
            w.Write("timestamp,symbol,price,size,trade_id\n");
            foreach (var t in ticks)
            {
                w.Write($"{t.Timestamp.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture)},{t.Symbol},{MarketText.Format(t.Price)},{MarketText.Format(t.Size)},{t.TradeId}\n");
            }
        }

        var frames = new[] { Timeframe.OneMinute, Timeframe.FifteenMinutes, Timeframe.OneDay };
        var (exit, _, err) = cli.Run("aggregate", "--ticks", path, "--allowed-lateness", $"{latenessSeconds}s", "--timeframe", "1m", "--timeframe", "15m", "--timeframe", "1d", "--out", cli.PathOf("out"));
        Assert.True(exit == 0, err);

        var (verdicts, bars) = BruteForceAggregation.Run(ticks, TimeSpan.FromSeconds(latenessSeconds), frames);
        var expectedRejected = verdicts.Select((v, i) => (v, i)).Where(x => x.v != TickVerdict.Accepted).Select(x => $"{x.i},{x.v.ToString().ToLowerInvariant()}");
        Assert.Equal(["arrival_index,reason", .. expectedRejected], File.ReadAllLines(cli.PathOf("out/rejected.csv")));
        foreach (var tf in frames)
        {
            var expected = bars.Where(b => b.Timeframe == tf)
                .OrderBy(b => b.Symbol.Value, StringComparer.Ordinal).ThenBy(b => b.Bar.OpenTime)
                .Select(b => $"{b.Symbol},{MarketText.FormatBarTime(b.Bar.OpenTime)},{MarketText.Format(b.Bar.Open)},{MarketText.Format(b.Bar.High)},{MarketText.Format(b.Bar.Low)},{MarketText.Format(b.Bar.Close)},{MarketText.Format(b.Bar.Volume)},{b.Bar.Trades}");
            Assert.Equal(["symbol,timestamp,open,high,low,close,volume,trades", .. expected], File.ReadAllLines(cli.PathOf($"out/{tf}.csv")));
        }
    }

    [Fact]
    public void MalformedRow_ExitsTwoNamingFileLineAndField()
    {
        using var cli = new CliHarness();
        var ticks = cli.Write("bad.csv", "timestamp,symbol,price,size,trade_id\n2024-03-09T23:50:00Z,A,1,1,1\n2024-03-09T23:50:01Z,A B,1,1,2\n");
        var (exit, _, err) = cli.Run("aggregate", "--ticks", ticks, "--timeframe", "1m", "--out", cli.PathOf("o"));
        Assert.Equal(2, exit);
        Assert.Contains("bad.csv:3: field 'symbol'", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--timeframe", "5x", "'5x' is not a timeframe")]
    [InlineData("--allowed-lateness", "soon", "'soon' is not a duration")]
    public void BadArguments_ExitTwoWithAReason(string option, string value, string message)
    {
        using var cli = new CliHarness();
        var ticks = cli.Write("t.csv", "timestamp,symbol,price,size,trade_id\n");
        var args = option == "--timeframe"
            ? new[] { "aggregate", "--ticks", ticks, "--timeframe", value, "--out", cli.PathOf("o") }
            : ["aggregate", "--ticks", ticks, "--timeframe", "1m", option, value, "--out", cli.PathOf("o")];
        var (exit, _, err) = cli.Run(args);
        Assert.Equal(2, exit);
        Assert.Contains(message, err, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFileOrOption_ExitsTwo()
    {
        using var cli = new CliHarness();
        Assert.Equal(2, cli.Run("aggregate", "--ticks", cli.PathOf("nope.csv"), "--timeframe", "1m", "--out", cli.PathOf("o")).Exit);
        var (exit, _, err) = cli.Run("aggregate", "--timeframe", "1m", "--out", cli.PathOf("o"));
        Assert.Equal(2, exit);
        Assert.Contains("--ticks", err, StringComparison.Ordinal);
        Assert.Equal(2, cli.Run("aggregate", "--ticks", cli.PathOf("x"), "--timeframe", "1m", "--timeframe", "60m", "--timeframe", "1h", "--out", "o").Exit);
    }
}
