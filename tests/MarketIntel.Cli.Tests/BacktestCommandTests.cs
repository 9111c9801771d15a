using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MarketIntel.Cli.Commands;
using MarketIntel.Core.Tests.Indicators;

namespace MarketIntel.Cli.Tests;

public sealed class BacktestCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "mi-bt-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, true);
        }
    }

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var root = new RootCommand { BacktestCommand.Create() };
        using var o = new StringWriter();
        using var e = new StringWriter();
        var code = CliRunner.Run(root, ["backtest", .. args], o, e);
        return (code, o.ToString(), e.ToString());
    }

    /// <summary>
    /// The sma-cross contract re-computed by hand from the raw CSV text: SMAs as plain window averages, a cross above
    /// (fast &gt; slow now, fast &lt;= slow on the bar before) enters at the next open, a cross below exits at the next
    /// open, an open position is closed at the last close; commission c per fill and adverse slippage s.
    /// </summary>
    private static List<(string EntryTime, double Entry, string ExitTime, double Exit, double Pnl)> HandRolled(int fast, int slow, double c, double s, double q)
    {
        var lines = File.ReadAllLines(ReferenceData.QuotePath("default.csv")).Skip(1).Where(l => l.Length > 0).ToArray();
        var date = lines.Select(l => l.Split(',')[0]).ToArray();
        var open = lines.Select(l => double.Parse(l.Split(',')[1], CultureInfo.InvariantCulture)).ToArray();
        var close = lines.Select(l => double.Parse(l.Split(',')[4], CultureInfo.InvariantCulture)).ToArray();
        var n = close.Length;
        double Sma(int end, int period) => end < period - 1 ? double.NaN : close[(end - period + 1)..(end + 1)].Average();
        var trades = new List<(string, double, string, double, double)>();
        var holding = false;
        var entryIndex = 0;
        var entryPrice = 0.0;
        for (var t = 1; t < n - 1; t++)
        {
            double f = Sma(t, fast), sl = Sma(t, slow), pf = Sma(t - 1, fast), ps = Sma(t - 1, slow);
            if (double.IsNaN(ps))
            {
                continue;
            }

            if (!holding && f > sl && pf <= ps)
            {
                holding = true;
                entryIndex = t + 1;
                entryPrice = open[t + 1] * (1 + s);
            }
            else if (holding && f < sl && pf >= ps)
            {
                holding = false;
                var exit = open[t + 1] * (1 - s);
                trades.Add((date[entryIndex], entryPrice, date[t + 1], exit, ((exit - entryPrice) * q) - (2 * c)));
            }
        }

        if (holding)
        {
            var exit = close[n - 1] * (1 - s);
            trades.Add((date[entryIndex], entryPrice, date[n - 1], exit, ((exit - entryPrice) * q) - (2 * c)));
        }

        return trades;
    }

    [Theory]
    [InlineData(10, 30, 0, 0, 1)]
    [InlineData(5, 20, 1.5, 0.001, 10)]
    [InlineData(20, 50, 0.25, 0.0005, 3)]
    public void SmaCross_MatchesAHandRolledRecomputationOnTheReferenceQuotes(int fast, int slow, double commission, double slippage, double quantity)
    {
        var (code, _, err) = Run(
            "--quotes", ReferenceData.QuotePath("default.csv"), "--strategy", "sma-cross",
            "--param", $"fast={fast}", "--param", $"slow={slow}", "--fill", "next-open",
            "--commission", commission.ToString(CultureInfo.InvariantCulture), "--slippage", slippage.ToString(CultureInfo.InvariantCulture),
            "--quantity", quantity.ToString(CultureInfo.InvariantCulture), "--out", _dir);
        Assert.True(code == 0, err);
        var lines = File.ReadAllLines(Path.Combine(_dir, "trades.csv"));
        Assert.Equal("entry_time,entry_price,exit_time,exit_price,quantity,pnl", lines[0]);
        var expected = HandRolled(fast, slow, commission, slippage, quantity);
        Assert.True(expected.Count >= 3, "the reference quotes should produce several crosses");
        Assert.Equal(expected.Count, lines.Length - 1);
        for (var k = 0; k < expected.Count; k++)
        {
            var cells = lines[k + 1].Split(',');
            var e = expected[k];
            Assert.Equal(e.EntryTime, cells[0]);
            Assert.Equal(e.Entry, double.Parse(cells[1], CultureInfo.InvariantCulture), 1e-9);
            Assert.Equal(e.ExitTime, cells[2]);
            Assert.Equal(e.Exit, double.Parse(cells[3], CultureInfo.InvariantCulture), 1e-9);
            Assert.Equal(quantity, double.Parse(cells[4], CultureInfo.InvariantCulture));
            Assert.Equal(e.Pnl, double.Parse(cells[5], CultureInfo.InvariantCulture), 1e-7);
        }

        using var metrics = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "metrics.json")));
        var root = metrics.RootElement;
        Assert.Equal(expected.Count, root.GetProperty("trades").GetInt32());
        Assert.Equal(expected.Sum(t => t.Pnl) / 100_000, root.GetProperty("totalReturn").GetDouble(), 1e-12);
        Assert.Equal((double)expected.Count(t => t.Pnl > 0) / expected.Count, root.GetProperty("winRate").GetDouble(), 1e-12);
        Assert.Equal(expected.Average(t => t.Pnl), root.GetProperty("expectancy").GetDouble(), 1e-9);
        foreach (var name in new[] { "annualizedReturn", "volatility", "sharpe", "sortino", "maxDrawdown", "exposure", "turnover", "probabilisticSharpe", "deflatedSharpe" })
        {
            Assert.Equal(JsonValueKind.Number, root.GetProperty(name).ValueKind);
        }
    }

    [Fact]
    public void Folder_BacktestsEverySymbolAndAddsASymbolColumn()
    {
        var quotes = Path.Combine(_dir, "quotes");
        Directory.CreateDirectory(quotes);
        File.Copy(ReferenceData.QuotePath("default.csv"), Path.Combine(quotes, "SPY.csv"));
        File.Copy(ReferenceData.QuotePath("compare.csv"), Path.Combine(quotes, "QQQ.csv"));
        var (code, _, err) = Run("--quotes", quotes, "--strategy", "sma-cross", "--out", Path.Combine(_dir, "out"));
        Assert.True(code == 0, err);
        var lines = File.ReadAllLines(Path.Combine(_dir, "out", "trades.csv"));
        Assert.Equal("entry_time,entry_price,exit_time,exit_price,quantity,pnl,symbol", lines[0]);
        Assert.Contains(lines, l => l.EndsWith(",SPY", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith(",QQQ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--strategy", "sma-crosss", "unknown strategy 'sma-crosss'")]
    [InlineData("--param", "speed=3", "sma-cross has no parameter 'speed'")]
    [InlineData("--param", "fast", "'fast' is not name=number")]
    [InlineData("--fill", "tomorrow", "'tomorrow' is not a fill model")]
    [InlineData("--slippage", "-0.1", "--slippage: must be a number >= 0")]
    public void BadInput_ExitsWith2AndSaysWhy(string option, string value, string message)
    {
        string[] args = ["--quotes", ReferenceData.QuotePath("default.csv"), "--strategy", "sma-cross", "--out", _dir];
        var i = Array.IndexOf(args, option);
        args = i >= 0 ? args.Select((a, k) => k == i + 1 ? value : a).ToArray() : [.. args, option, value];
        var (code, _, err) = Run(args);
        Assert.Equal(2, code);
        Assert.Contains(message, err, StringComparison.Ordinal);
    }

    [Fact]
    public void List_ShowsEveryBuiltInStrategyWithItsRules()
    {
        var (code, output, _) = Run("--list");
        Assert.Equal(0, code);
        foreach (var name in new[] { "sma-cross", "ema-cross", "supertrend-flip", "donchian-breakout", "rsi-reversion", "bb-squeeze", "volume-surge" })
        {
            Assert.Contains(name, output, StringComparison.Ordinal);
        }

        Assert.Contains("enter when sma(10) crosses_above sma(30)", output, StringComparison.Ordinal);
    }
}
