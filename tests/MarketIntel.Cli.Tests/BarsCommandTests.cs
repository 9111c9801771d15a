using System.CommandLine;
using MarketIntel.Cli.Commands;
using MarketIntel.Core.Market;
using MarketIntel.Core.Market.Csv;
using MarketIntel.Storage.Tests;

namespace MarketIntel.Cli.Tests;

public sealed class BarsCommandTests : IDisposable
{
    private readonly CliHarness cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public void Import_ThenExport_ReturnsTheSameBars_AndArchivesTheFileAsReceived()
    {
        var bars = TestBars.Generate(Timeframe.OneDay, new DateTime(2023, 12, 1, 0, 0, 0, DateTimeKind.Utc), 60);
        var input = WriteQuotes(bars);
        var data = Path.Combine(cli.Directory, "data");
        var output = Path.Combine(cli.Directory, "out.csv");

        var (importCode, _, importLog) = Run("bars", "import", "--bars", input, "--symbol", "MSFT", "--timeframe", "1d", "--data", data);
        var (exportCode, _, exportLog) = Run("bars", "export", "--symbol", "MSFT", "--timeframe", "1d", "--from", "2023-12-15", "--out", output, "--data", data);

        Assert.Equal(CliRunner.Ok, importCode);
        Assert.Equal(CliRunner.Ok, exportCode);
        Assert.Contains("60 MSFT 1d bars stored", importLog, StringComparison.Ordinal);
        Assert.Contains("46 MSFT 1d bars written", exportLog, StringComparison.Ordinal);
        var exported = QuoteCsvReader.ReadFile(output).Bars;
        Assert.Equal(bars.Skip(14).Select(b => (b.OpenTime, b.Open, b.High, b.Low, b.Close, b.Volume)), exported.Select(b => (b.OpenTime, b.Open, b.High, b.Low, b.Close, b.Volume)));
        var archived = Directory.GetFiles(Path.Combine(data, "raw", "file"), "*.csv", SearchOption.AllDirectories);
        Assert.Equal(File.ReadAllBytes(input), File.ReadAllBytes(Assert.Single(archived)));
    }

    [Fact]
    public void ImportingTheSameFileAgain_KeepsOneArchivedCopyAndOneCopyOfEachBar()
    {
        var bars = TestBars.Generate(Timeframe.OneHour, new DateTime(2024, 1, 31, 20, 0, 0, DateTimeKind.Utc), 10);
        var input = WriteQuotes(bars);
        var data = Path.Combine(cli.Directory, "data");
        var output = Path.Combine(cli.Directory, "out.csv");

        Run("bars", "import", "--bars", input, "--symbol", "BTC-USD", "--timeframe", "1h", "--data", data);
        var (code, _, log) = Run("bars", "import", "--bars", input, "--symbol", "BTC-USD", "--timeframe", "1h", "--data", data);
        Run("bars", "export", "--symbol", "BTC-USD", "--timeframe", "1h", "--out", output, "--data", data);

        Assert.Equal(CliRunner.Ok, code);
        Assert.Contains("(already archived)", log, StringComparison.Ordinal);
        Assert.Equal(10, QuoteCsvReader.ReadFile(output).Bars.Count);
    }

    [Theory]
    [InlineData("--symbol", "BAD SYMBOL", "--symbol: 'BAD SYMBOL' is not a symbol")]
    [InlineData("--timeframe", "7x", "--timeframe: '7x' is not a timeframe")]
    public void BadArguments_ExitWith2AndSayWhatIsWrong(string option, string value, string expected)
    {
        var input = WriteQuotes(TestBars.Generate(Timeframe.OneDay, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), 3));
        var args = new Dictionary<string, string> { ["--bars"] = input, ["--symbol"] = "AAPL", ["--timeframe"] = "1d", ["--data"] = cli.Directory };
        args[option] = value;

        var (code, _, log) = Run(["bars", "import", .. args.SelectMany(a => new[] { a.Key, a.Value })]);

        Assert.Equal(CliRunner.BadInput, code);
        Assert.Contains(expected, log, StringComparison.Ordinal);
    }

    [Fact]
    public void BarsThatDoNotFitTheTimeframe_AreRefusedWithTheBarAndField_AndNothingIsStored()
    {
        var input = WriteQuotes(TestBars.Generate(Timeframe.OneHour, new DateTime(2024, 1, 1, 1, 0, 0, DateTimeKind.Utc), 3));

        var (code, _, log) = Run("bars", "import", "--bars", input, "--symbol", "AAPL", "--timeframe", "1d", "--data", cli.Directory);

        Assert.Equal(CliRunner.BadInput, code);
        Assert.Contains("Bar 0 of AAPL 1d", log, StringComparison.Ordinal);
        Assert.Contains("not aligned to the 1d grid", log, StringComparison.Ordinal);
    }

    private string WriteQuotes(IReadOnlyList<Bar> bars)
    {
        Directory.CreateDirectory(cli.Directory);
        var path = Path.Combine(cli.Directory, "quotes-" + Guid.NewGuid().ToString("N")[..6] + ".csv");
        using var writer = new StreamWriter(path);
        QuoteCsvWriter.Write(writer, bars);
        return path;
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var root = new RootCommand("test") { BarsCommand.Create() };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CliRunner.Run(root, args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
