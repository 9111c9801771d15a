using System.Globalization;
using System.Text.Json;
using MarketIntel.Core.Market.Csv;

namespace MarketIntel.Cli.Tests;

public sealed class RegimeCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("risk-regime-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void WritesViterbiStatesAndFilteredProbabilities_AndPrintsTheModel()
    {
        var outPath = Path.Combine(_dir, "regimes.csv");
        var (code, stdout, error) = RiskCli.Run("regime", "--quotes", RiskCli.DefaultQuotes, "--states", "2", "--seed", "1", "--out", outPath);
        Assert.True(code == 0, error);

        var quotes = QuoteCsvReader.ReadFile(RiskCli.DefaultQuotes);
        var lines = File.ReadAllLines(outPath);
        Assert.Equal("timestamp,state,p0,p1", lines[0]);
        Assert.Equal(quotes.Bars.Count, lines.Length);
        for (var i = 1; i < lines.Length; i++)
        {
            var fields = lines[i].Split(',');
            Assert.Equal(quotes.TimestampTexts[i], fields[0]);
            Assert.Contains(fields[1], new[] { "0", "1" });
            var p = fields[2..].Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(1, p.Sum(), 12);
        }

        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        Assert.Equal(2, root.GetProperty("states").GetInt32());
        Assert.True(root.GetProperty("converged").GetBoolean());
        var regimes = root.GetProperty("regimes").EnumerateArray().ToArray();
        Assert.Equal(["calm", "turbulent"], regimes.Select(r => r.GetProperty("label").GetString()));
        Assert.True(regimes[0].GetProperty("stdev")[0].GetDouble() < regimes[1].GetProperty("stdev")[0].GetDouble());
        var stay = root.GetProperty("transition")[0][0].GetDouble();
        Assert.Equal(1 / (1 - stay), regimes[0].GetProperty("expectedDuration").GetDouble(), 9);
        Assert.Equal(quotes.TimestampTexts[^1], root.GetProperty("latest").GetProperty("timestamp").GetString());
    }

    [Theory]
    [InlineData("1")]
    [InlineData("5")]
    [InlineData("two")]
    public void StatesOutside2To4_ExitWithCode2(string states)
    {
        var (code, _, error) = RiskCli.Run("regime", "--quotes", RiskCli.DefaultQuotes, "--states", states, "--out", Path.Combine(_dir, "x.csv"));
        Assert.Equal(2, code);
        Assert.Contains("--states", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ConstantPricesOrTooFewBars_ExitWithCode2AndSayWhy()
    {
        var flat = Path.Combine(_dir, "flat.csv");
        var start = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.WriteAllLines(flat, ["date,open,high,low,close,volume", .. Enumerable.Range(0, 60).Select(d => start.AddDays(d).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ",5,5,5,5,100")]);
        var constant = RiskCli.Run("regime", "--quotes", flat, "--out", Path.Combine(_dir, "a.csv"));
        Assert.Equal(2, constant.Code);
        Assert.Contains("constant prices", constant.Error, StringComparison.Ordinal);

        var few = Path.Combine(_dir, "few.csv");
        File.WriteAllLines(few, ["date,open,high,low,close,volume", "2024-01-02,5,6,4,5,100", "2024-01-03,5,6,4,5.5,100", "2024-01-04,5,6,4,5.2,100"]);
        var tooFew = RiskCli.Run("regime", "--quotes", few, "--out", Path.Combine(_dir, "b.csv"));
        Assert.Equal(2, tooFew.Code);
        Assert.Contains("too few", tooFew.Error, StringComparison.Ordinal);
    }
}
