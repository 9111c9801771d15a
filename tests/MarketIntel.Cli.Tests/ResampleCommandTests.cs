using System.Globalization;

using MarketIntel.Core.Tests.Indicators;

namespace MarketIntel.Cli.Tests;

public sealed class ResampleCommandTests
{
    [Theory]
    [InlineData("5m")]
    [InlineData("1h")]
    [InlineData("1d")]
    public void ResampledAggregateOutput_EqualsDirectAggregation(string target)
    {
        using var cli = new CliHarness();
        var ticks = cli.PathOf("ticks.csv");
        Assert.Equal(0, cli.Run("simulate-ticks", "--symbols", "BTC-USD,ETH-USD", "--minutes", "1500", "--trades-per-minute", "3", "--seed", "9", "--faults", "--out", ticks).Exit);
        var (exit, _, err) = cli.Run("aggregate", "--ticks", ticks, "--allowed-lateness", "5s", "--timeframe", "1m", "--timeframe", target, "--out", cli.PathOf("bars"));
        Assert.True(exit == 0, err);

        var minute = File.ReadAllLines(cli.PathOf("bars/1m.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        var direct = File.ReadAllLines(cli.PathOf($"bars/{target}.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        foreach (var symbol in new[] { "BTC-USD", "ETH-USD" })
        {
            var quotes = cli.Write($"{symbol}-1m.csv", "timestamp,open,high,low,close,volume\n" + string.Concat(minute.Where(f => f[0] == symbol).Select(f => string.Join(',', f[1..7]) + "\n")));
            var outPath = cli.PathOf($"{symbol}-{target}.csv");
            var run = cli.Run("resample", "--bars", quotes, "--to", target, "--out", outPath);
            Assert.True(run.Exit == 0, run.Err);

            // Same bars; the daily file prints dates alone, as quote files do.
            var expected = direct.Where(f => f[0] == symbol).Select(f => string.Join(',', f[1..7])).ToList();
            var actual = File.ReadAllLines(outPath).Skip(1).Select(l => target == "1d" ? ToFullTime(l) : l).ToList();
            Assert.Equal(expected, actual);
            Assert.NotEmpty(expected);
        }
    }

    private static string ToFullTime(string line) => line[..10] + "T00:00:00Z" + line[10..];

    [Fact]
    public void DailyReferenceQuotes_ResampleToIsoWeeks()
    {
        using var cli = new CliHarness();
        var (exit, _, err) = cli.Run("resample", "--bars", ReferenceData.QuotePath("default.csv"), "--to", "1w", "--out", cli.PathOf("w.csv"));
        Assert.True(exit == 0, err);
        var lines = File.ReadAllLines(cli.PathOf("w.csv"));
        Assert.Equal("timestamp,open,high,low,close,volume", lines[0]);

        // 2017-01-02 (Monday, a holiday) starts the first week: Tue 3rd to Fri 6th of January 2017.
        Assert.StartsWith("2017-01-02,212.61,", lines[1], StringComparison.Ordinal);
        Assert.Equal(105, lines.Length - 1);
    }

    [Fact]
    public void SessionCalendar_KeepsOnlyRegularSessionBarsPerExchangeDay()
    {
        using var cli = new CliHarness();
        var source = ReferenceData.QuotePath("intraday.csv");
        var (exit, _, err) = cli.Run("resample", "--bars", source, "--to", "1d", "--calendar", "XNAS", "--out", cli.PathOf("d.csv"));
        Assert.True(exit == 0, err);

        // Brute force: December 2020 is EST, so the Nasdaq session is 14:30-21:00 UTC; the reference file's clock
        // times are read as UTC, so only its 14:30-15:59 bars fall inside the session.
        var bars = MarketIntel.Core.Market.Csv.QuoteCsvReader.ReadFile(source).Bars
            .Where(b => b.OpenTime.TimeOfDay >= new TimeSpan(14, 30, 0) && b.OpenTime.TimeOfDay < new TimeSpan(21, 0, 0))
            .GroupBy(b => b.OpenTime.Date)
            .Select(g => $"{g.Key:yyyy-MM-dd},{g.First().Open.ToString("R", CultureInfo.InvariantCulture)},{g.Max(b => b.High).ToString("R", CultureInfo.InvariantCulture)},{g.Min(b => b.Low).ToString("R", CultureInfo.InvariantCulture)},{g.Last().Close.ToString("R", CultureInfo.InvariantCulture)},{g.Sum(b => b.Volume).ToString(CultureInfo.InvariantCulture)}");
        Assert.Equal(["timestamp,open,high,low,close,volume", .. bars], File.ReadAllLines(cli.PathOf("d.csv")));
        Assert.Equal(4, bars.Count());
    }

    [Theory]
    [InlineData("7m", "not whole unions")]
    [InlineData("2x", "not a timeframe")]
    public void BadTarget_ExitsTwo(string target, string message)
    {
        using var cli = new CliHarness();
        var q = cli.Write("q.csv", "timestamp,open,high,low,close,volume\n2024-01-01T00:00:00Z,1,1,1,1,1\n2024-01-01T00:05:00Z,1,1,1,1,1\n");
        var (exit, _, err) = cli.Run("resample", "--bars", q, "--to", target, "--out", cli.PathOf("o.csv"));
        Assert.Equal(2, exit);
        Assert.Contains(message, err, StringComparison.Ordinal);
    }

    [Fact]
    public void MalformedQuotes_ExitTwoNamingLineAndField()
    {
        using var cli = new CliHarness();
        var q = cli.Write("q.csv", "date,open,high,low,close,volume\n2024-01-01,1,1,1,1,1\n2024-01-02,1,x,1,1,1\n");
        var (exit, _, err) = cli.Run("resample", "--bars", q, "--to", "1w", "--out", cli.PathOf("o.csv"));
        Assert.Equal(2, exit);
        Assert.Contains("q.csv:3: field 'high'", err, StringComparison.Ordinal);
    }
}
