using System.CommandLine;
using System.Globalization;
using MarketIntel.Cli.Commands;
using MarketIntel.Core.Tests.Indicators;

namespace MarketIntel.Cli.Tests;

public sealed class IndicatorsCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "mi-ind-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, true);
        }
    }

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var root = new RootCommand { IndicatorsCommand.Create() };
        using var o = new StringWriter();
        using var e = new StringWriter();
        var code = CliRunner.Run(root, ["indicators", .. args], o, e);
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public void Specs_OnReferenceQuotes_WriteTheReferenceFiles()
    {
        string[] specs = ["sma_20", "hma_14", "macd_12_26_9", "psar_0.02_0.2", "doji_0.1", "renko_1.0_close", "pivotpoints_month_standard", "zigzag_close_5"];
        var (code, _, err) = Run(["--quotes", ReferenceData.QuotePath("default.csv"), "--out", _dir, .. specs]);
        Assert.True(code == 0, err);
        foreach (var spec in specs)
        {
            AssertSameTable(ReferenceData.ExpectedPath("default", spec), Path.Combine(_dir, spec + ".csv"));
        }
    }

    [Fact]
    public void CompareSpecs_EvaluateTheCompareFileAgainstTheQuotesAsMarket()
    {
        string[] specs = ["beta_50_compare_vs_default", "corr_20_compare_vs_default", "prs_20_compare_vs_default"];
        var (code, _, err) = Run(["--quotes", ReferenceData.QuotePath("default.csv"), "--compare", ReferenceData.QuotePath("compare.csv"), "--out", _dir, .. specs]);
        Assert.True(code == 0, err);
        foreach (var spec in specs)
        {
            AssertSameTable(ReferenceData.ExpectedPath("default", spec), Path.Combine(_dir, spec + ".csv"));
        }
    }

    [Fact]
    public void CompareSpec_WithoutCompareFile_ExitsWith2()
    {
        var (code, _, err) = Run("--quotes", ReferenceData.QuotePath("default.csv"), "--out", _dir, "beta_50");
        Assert.Equal(2, code);
        Assert.Contains("--compare", err, StringComparison.Ordinal);
    }

    [Fact]
    public void BareName_UsesDefaults()
    {
        var (code, _, err) = Run("--quotes", ReferenceData.QuotePath("edge-intraday.csv"), "--out", _dir, "macd");
        Assert.True(code == 0, err);
        AssertSameTable(ReferenceData.ExpectedPath("edge-intraday", "macd_12_26_9"), Path.Combine(_dir, "macd.csv"));
    }

    [Fact]
    public void UnknownSpec_ExitsWith2AndListsValidNames()
    {
        var (code, _, err) = Run("--quotes", ReferenceData.QuotePath("default.csv"), "--out", _dir, "nosuch_3");
        Assert.Equal(2, code);
        Assert.Contains("unknown indicator 'nosuch'", err, StringComparison.Ordinal);
        Assert.Contains("sma", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sma_0", "period")]
    [InlineData("sma_x", "period")]
    [InlineData("sma_20_3", "at most 1")]
    [InlineData("zigzag_median_5", "endType")]
    [InlineData("psar_0.02_-1", "maxFactor")]
    public void BadParameter_ExitsWith2NamingIt(string spec, string expected)
    {
        var (code, _, err) = Run("--quotes", ReferenceData.QuotePath("default.csv"), "--out", _dir, spec);
        Assert.Equal(2, code);
        Assert.Contains(expected, err, StringComparison.Ordinal);
    }

    [Fact]
    public void List_PrintsPatternsParametersAndOutputs()
    {
        var (code, output, _) = Run("--list");
        Assert.Equal(0, code);
        Assert.Contains("sma_<period>", output, StringComparison.Ordinal);
        Assert.Contains("period: a whole number 1..100000, default 20", output, StringComparison.Ordinal);
        Assert.Contains("outputs: sma", output, StringComparison.Ordinal);
    }

    /// <summary>Every column of the expected file exists in the actual file with equal cells (1e-9 relative for numbers).</summary>
    internal static void AssertSameTable(string expectedPath, string actualPath)
    {
        var (eh, er) = ReferenceData.ReadExpected(expectedPath);
        var (ah, ar) = ReferenceData.ReadExpected(actualPath);
        Assert.Equal(er.Length, ar.Length);
        for (var c = 0; c < eh.Length; c++)
        {
            var ac = Array.IndexOf(ah, eh[c]);
            Assert.True(ac >= 0, $"{actualPath}: no column {eh[c]}");
            for (var r = 0; r < er.Length; r++)
            {
                var e = er[r][c];
                var a = ar[r][ac];
                var same = e == a || (double.TryParse(e, NumberStyles.Float, CultureInfo.InvariantCulture, out var ev)
                    && double.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var av)
                    && Math.Abs(ev - av) <= 1e-9 * Math.Max(1, Math.Abs(ev)));
                Assert.True(same, $"{actualPath} row {r} column {eh[c]}: '{a}' vs expected '{e}'");
            }
        }
    }
}
