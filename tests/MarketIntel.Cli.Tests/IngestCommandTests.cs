using System.CommandLine;
using MarketIntel.Cli.Commands;
using MarketIntel.Core.Market;
using MarketIntel.Ingestion.Simulation;

namespace MarketIntel.Cli.Tests;

public sealed class IngestCommandTests : IDisposable
{
    private readonly CliHarness _cli = new();

    private string Data => _cli.Directory;

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task IngestFromTheSimulator_StoresTheBars_AndASecondRunResumes()
    {
        var (code, output, _) = Run("ingest", "--symbols", "BTC-USD,AAPL", "--timeframe", "5m", "--from", "2024-03-04", "--to", "2024-03-05", "--data", Data, "--quiet");

        Assert.Equal(CliRunner.Ok, code);
        Assert.Contains("2 series, 366 bars written", output, StringComparison.Ordinal);
        using (var stores = new ReadOnlyStores(Data))
        {
            var btc = MarketSimulator.Resolve("BTC-USD");
            var from = new DateTime(2024, 3, 4, 0, 0, 0, DateTimeKind.Utc);
            Assert.Equal(new MarketSimulator().Bars(btc, Timeframe.FiveMinutes, from, from.AddDays(1)), await stores.ReadBarsAsync(btc.Symbol, Timeframe.FiveMinutes, from, from.AddDays(1)));
        }

        var (again, second, _) = Run("ingest", "--symbols", "BTC-USD", "AAPL", "--timeframe", "5m", "--from", "2024-03-04", "--to", "2024-03-05", "--data", Data, "--quiet");
        Assert.Equal(CliRunner.Ok, again);
        Assert.Contains("2 series, 0 bars written", second, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--timeframe", "7x", "--timeframe")]
    [InlineData("--provider", "nasdaq", "Unknown provider 'nasdaq'")]
    [InlineData("--from", "yesterday", "--from: 'yesterday' is not an ISO 8601 UTC time")]
    [InlineData("--store", "s3", "--store: 's3' is not a store")]
    public void BadArguments_AreUsageErrors(string option, string value, string message)
    {
        var args = new List<string> { "ingest", "--symbols", "BTC-USD", "--from", "2024-03-04", "--to", "2024-03-05", "--data", Data, "--quiet" };
        var at = args.IndexOf(option);
        if (at >= 0)
        {
            args[at + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        var (code, _, error) = Run([.. args]);

        Assert.Equal(CliRunner.BadInput, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var root = new RootCommand { IngestCommand.Create() };
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CliRunner.Run(root, args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>The CLI's embedded stores, opened again for reading.</summary>
    private sealed class ReadOnlyStores(string path) : IDisposable
    {
        private readonly MarketIntel.Storage.Embedded.EmbeddedBarStore _bars = new(new MarketIntel.Storage.Embedded.EmbeddedDatabase(path), TimeProvider.System);

        public async Task<List<Bar>> ReadBarsAsync(MarketIntel.Core.Market.Symbol symbol, Timeframe timeframe, DateTime from, DateTime to)
        {
            var page = await _bars.ReadAsync(new MarketIntel.Core.Storage.BarRangeQuery(symbol, timeframe, from, to, 10_000));
            return [.. page.Bars];
        }

        public void Dispose() => Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
