using System.Text.Json;
using System.Text.RegularExpressions;

namespace MarketIntel.Cli.Tests;

public partial class MonteCarloCommandTests
{
    [GeneratedRegex("\"batches\": \\d+")]
    private static partial Regex BatchesField();

    private static string WithoutBatches(string json) => BatchesField().Replace(json, "\"batches\": _");

    [Fact]
    public void Gbm_PrintsVarAndCVarPerConfidence_IdenticalForAnyBatches()
    {
        string[] args = ["montecarlo", "--model", "gbm", "--mu", "0.0003", "--sigma", "0.012", "--horizon", "20", "--paths", "30000", "--seed", "7", "--confidence", "0.95", "--confidence", "0.99"];
        var one = RiskCli.Run([.. args, "--batches", "1"]);
        var five = RiskCli.Run([.. args, "--batches", "5"]);
        Assert.Equal(0, one.Code);
        Assert.Equal(0, five.Code);
        Assert.Equal(WithoutBatches(one.Out), WithoutBatches(five.Out));
        Assert.NotEqual(one.Out, five.Out);

        using var doc = JsonDocument.Parse(one.Out);
        var root = doc.RootElement;
        Assert.Equal(30000, root.GetProperty("paths").GetInt64());
        Assert.Equal(20, root.GetProperty("horizon").GetInt32());
        var var95 = root.GetProperty("var").GetProperty("0.95").GetDouble();
        var var99 = root.GetProperty("var").GetProperty("0.99").GetDouble();
        Assert.InRange(var95, 0.01, var99);
        Assert.True(root.GetProperty("cvar").GetProperty("0.99").GetDouble() > var99);
        Assert.Equal(0.012, root.GetProperty("parameters").GetProperty("sigma").GetDouble());
        Assert.StartsWith("MarketIntel.Core", root.GetProperty("version").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bootstrap")]
    [InlineData("regime")]
    public void QuoteDrivenModels_RunOnRealBars_IdenticalForAnyBatches(string model)
    {
        string[] args = ["montecarlo", "--model", model, "--quotes", RiskCli.DefaultQuotes, "--horizon", "10", "--paths", "5000", "--seed", "3"];
        var one = RiskCli.Run([.. args, "--batches", "1"]);
        var three = RiskCli.Run([.. args, "--batches", "3"]);
        Assert.True(one.Code == 0, one.Error);
        Assert.Equal(WithoutBatches(one.Out), WithoutBatches(three.Out));
        using var doc = JsonDocument.Parse(one.Out);
        Assert.Equal(model, doc.RootElement.GetProperty("model").GetString());
        Assert.True(doc.RootElement.GetProperty("var").GetProperty("0.99").GetDouble() > 0);
    }

    [Theory]
    [InlineData("--sigma", "-0.1", "--sigma")]
    [InlineData("--confidence", "1", "--confidence")]
    [InlineData("--confidence", "0", "--confidence")]
    [InlineData("--paths", "0", "--paths")]
    [InlineData("--horizon", "abc", "--horizon")]
    [InlineData("--model", "garch", "--model")]
    public void BadArguments_ExitWithCode2AndSayWhich(string option, string value, string named)
    {
        var args = new List<string> { "montecarlo", "--mu", "0", "--sigma", "0.01", "--horizon", "5", "--paths", "100" };
        var i = args.IndexOf(option);
        if (i >= 0)
        {
            args[i + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        var (code, _, error) = RiskCli.Run([.. args]);
        Assert.Equal(2, code);
        Assert.Contains(named, error, StringComparison.Ordinal);
    }

    [Fact]
    public void QuoteModels_WithoutQuotesOrWithBadStates_ExitWithCode2()
    {
        Assert.Contains("--quotes is required", RiskCli.Run("montecarlo", "--model", "bootstrap", "--horizon", "5").Error, StringComparison.Ordinal);
        var states = RiskCli.Run("montecarlo", "--model", "regime", "--quotes", RiskCli.DefaultQuotes, "--states", "5", "--horizon", "5");
        Assert.Equal(2, states.Code);
        Assert.Contains("--states", states.Error, StringComparison.Ordinal);
    }
}
