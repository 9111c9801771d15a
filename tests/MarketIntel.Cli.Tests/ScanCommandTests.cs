using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MarketIntel.Cli.Commands;
using MarketIntel.Core.Tests.Indicators;

namespace MarketIntel.Cli.Tests;

public sealed class ScanCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "mi-scan-" + Guid.NewGuid().ToString("N"));

    public ScanCommandTests()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "q"));
        File.Copy(ReferenceData.QuotePath("default.csv"), Path.Combine(_dir, "q", "SPY.csv"));
        File.Copy(ReferenceData.QuotePath("compare.csv"), Path.Combine(_dir, "q", "QQQ.csv"));
        File.Copy(ReferenceData.QuotePath("penny.csv"), Path.Combine(_dir, "q", "PNY.csv"));
    }

    private string Quotes => Path.Combine(_dir, "q");

    private string Out => Path.Combine(_dir, "out.csv");

    public void Dispose() => Directory.Delete(_dir, true);

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var root = new RootCommand { ScanCommand.Create() };
        using var o = new StringWriter();
        using var e = new StringWriter();
        var code = CliRunner.Run(root, ["scan", .. args], o, e);
        return (code, o.ToString(), e.ToString());
    }

    /// <summary>close &gt; sma(10) by hand from the CSV text, per symbol: (date, symbol, close, sma) where it holds.</summary>
    private static List<(string Date, string Symbol, double Close, double Sma)> HandRolled(string dir)
    {
        var rows = new List<(string, string, double, double)>();
        foreach (var file in Directory.GetFiles(dir, "*.csv"))
        {
            var lines = File.ReadAllLines(file).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToArray();
            var close = lines.Select(c => double.Parse(c[4], CultureInfo.InvariantCulture)).ToArray();
            for (var i = 9; i < close.Length; i++)
            {
                var sma = close[(i - 9)..(i + 1)].Average();
                if (close[i] > sma)
                {
                    rows.Add((lines[i][0].TrimStart('\uFEFF'), Path.GetFileNameWithoutExtension(file), close[i], sma));
                }
            }
        }

        return rows;
    }

    [Fact]
    public void EveryBar_ListsEachTrueBarOrderedByTimeThenSymbol()
    {
        var (code, _, err) = Run("--quotes", Quotes, "--rule", "close > sma(10)", "--every-bar", "--out", Out);
        Assert.True(code == 0, err);
        var lines = File.ReadAllLines(Out);
        Assert.Equal("timestamp,symbol,close,sma(10)", lines[0]);
        var expected = HandRolled(Quotes).OrderBy(r => r.Date, StringComparer.Ordinal).ThenBy(r => r.Symbol, StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Count, lines.Length - 1);
        for (var k = 0; k < expected.Count; k++)
        {
            var c = lines[k + 1].Split(',');
            Assert.Equal((expected[k].Date, expected[k].Symbol), (c[0], c[1]));
            Assert.Equal(expected[k].Close, double.Parse(c[2], CultureInfo.InvariantCulture));
            Assert.Equal(expected[k].Sma, double.Parse(c[3], CultureInfo.InvariantCulture), 1e-9);
        }
    }

    [Fact]
    public void WithoutEveryBar_OnlyEachSymbolsLastBar()
    {
        var (code, _, err) = Run("--quotes", Quotes, "--rule", "close > sma(10) or close <= sma(10)", "--out", Out);
        Assert.True(code == 0, err);
        var lines = File.ReadAllLines(Out);
        var expected = new[] { "PNY", "QQQ", "SPY" }
            .Select(s => (Date: File.ReadAllLines(Path.Combine(Quotes, s + ".csv")).Last(l => l.Length > 0).Split(',')[0], Symbol: s))
            .OrderBy(x => x.Date, StringComparer.Ordinal).ThenBy(x => x.Symbol, StringComparer.Ordinal);
        Assert.Equal(expected, lines.Skip(1).Select(l => (l.Split(',')[0], l.Split(',')[1])));
    }

    [Fact]
    public void AFile_IsOneSymbolNamedAfterItsStem()
    {
        var (code, _, err) = Run("--quotes", Path.Combine(Quotes, "SPY.csv"), "--rule", "close > 0", "--every-bar", "--out", Out);
        Assert.True(code == 0, err);
        Assert.All(File.ReadAllLines(Out).Skip(1), l => Assert.Equal("SPY", l.Split(',')[1]));
    }

    [Fact]
    public void ParseError_ExitsWith2AndPointsAtTheColumn()
    {
        var (code, _, err) = Run("--quotes", Quotes, "--rule", "close > 0 and rsx(14) < 30", "--out", Out);
        Assert.Equal(2, code);
        Assert.Contains("col 15: unknown indicator 'rsx'; did you mean 'rsi'?", err, StringComparison.Ordinal);
        Assert.Contains("\n                ^", err.Replace("\r", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.False(File.Exists(Out));
    }

    [Fact]
    public void ScanDefinition_WritesRankedSetupsAndStatistics()
    {
        var def = Path.Combine(_dir, "dip.json");
        File.WriteAllText(def, """{ "name": "dip", "entry": "rsi(14) < 50 and close > sma(50)", "filters": { "minPrice": 5 } }""");
        var (code, _, err) = Run("--quotes", Quotes, "--scan", def, "--every-bar", "--out", Out);
        Assert.True(code == 0, err);
        var lines = File.ReadAllLines(Out);
        Assert.StartsWith("timestamp,symbol,rank,side,entry,stop,target,risk_per_share,score,", lines[0], StringComparison.Ordinal);
        Assert.True(lines.Length > 5);
        var scores = lines.Skip(1).Select(l => double.Parse(l.Split(',')[8], CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(scores.OrderDescending(), scores);
        Assert.Equal(Enumerable.Range(1, lines.Length - 1).Select(i => i.ToString(CultureInfo.InvariantCulture)), lines.Skip(1).Select(l => l.Split(',')[2]));
        Assert.DoesNotContain(lines, l => l.Split(',')[1] == "PNY");
        using var stats = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "out.stats.json")));
        Assert.Equal(lines.Length - 1, stats.RootElement.GetProperty("setups").GetInt32());
        Assert.Equal(2, stats.RootElement.GetProperty("hitRateWilson95").GetArrayLength());
    }

    [Fact]
    public void BadScanDefinition_ExitsWith2NamingTheField()
    {
        var def = Path.Combine(_dir, "bad.json");
        File.WriteAllText(def, """{ "name": "bad", "entry": "close >> 1" }""");
        var (code, _, err) = Run("--quotes", Quotes, "--scan", def, "--out", Out);
        Assert.Equal(2, code);
        Assert.Contains("'entry': col 8:", err, StringComparison.Ordinal);
    }

    [Fact]
    public void RuleAndScanTogether_AreRejected()
    {
        var (code, _, err) = Run("--quotes", Quotes, "--rule", "close > 1", "--scan", "x.json", "--out", Out);
        Assert.Equal(2, code);
        Assert.Contains("either --rule or --scan", err, StringComparison.Ordinal);
    }
}
