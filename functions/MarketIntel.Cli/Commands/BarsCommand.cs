using System.CommandLine;
using System.Globalization;
using System.Reflection;
using MarketIntel.Core.Market;
using MarketIntel.Core.Market.Csv;
using MarketIntel.Core.Storage;
using MarketIntel.Storage.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Symbol = MarketIntel.Core.Market.Symbol;

namespace MarketIntel.Cli.Commands;

/// <summary>
/// <c>marketintel bars import|export</c>: quotes files into and out of the configured store (the embedded store under
/// <c>--data</c> by default; <c>Storage__Provider=Azure</c> and the other storage settings come from environment variables).
/// An import archives the file as received before parsing it, and the stored bars reference that archive entry.
/// </summary>
public static class BarsCommand
{
    public static Command Create()
    {
        var command = new Command("bars", "Store bars from quotes files and read them back.");
        command.Subcommands.Add(CreateImport());
        command.Subcommands.Add(CreateExport());
        return command;
    }

    public static int Import(IServiceProvider services, string path, Symbol symbol, Timeframe timeframe, TextWriter error)
    {
        var version = CodeVersion();
        var content = File.ReadAllBytes(path);
        var raw = services.GetRequiredService<IRawArchive>()
            .PutAsync(new RawPayload("file", "bars-" + timeframe, DateTimeOffset.UtcNow, content, "text/csv", Path.GetFullPath(path), version))
            .GetAwaiter().GetResult();
        var quotes = QuoteCsvReader.ReadFile(path);
        var stored = services.GetRequiredService<IBarStore>()
            .UpsertAsync(symbol, timeframe, quotes.Bars, new BarProvenance("file", version, raw.Key))
            .GetAwaiter().GetResult();
        error.WriteLine($"bars import: {stored.ToString(CultureInfo.InvariantCulture)} {symbol} {timeframe} bars stored; raw file archived as {raw.Key}{(raw.AlreadyExisted ? " (already archived)" : string.Empty)}");
        return CliRunner.Ok;
    }

    public static int Export(IServiceProvider services, Symbol symbol, Timeframe timeframe, DateTime from, DateTime to, string outPath, TextWriter error)
    {
        var store = services.GetRequiredService<IBarStore>();
        var bars = new List<Bar>();
        string? token = null;
        do
        {
            var page = store.ReadAsync(new BarRangeQuery(symbol, timeframe, from, to, PageSize: 5000, ContinuationToken: token)).GetAwaiter().GetResult();
            bars.AddRange(page.Bars);
            token = page.ContinuationToken;
        }
        while (token is not null);

        var directory = Path.GetDirectoryName(Path.GetFullPath(outPath));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        using (var writer = new StreamWriter(outPath))
        {
            QuoteCsvWriter.Write(writer, bars, includeTrades: true);
        }

        error.WriteLine($"bars export: {bars.Count.ToString(CultureInfo.InvariantCulture)} {symbol} {timeframe} bars written to {outPath}");
        return CliRunner.Ok;
    }

    /// <summary>The storage services for a command: environment settings, with <c>--data</c> as <c>Storage:DataPath</c>.</summary>
    public static ServiceProvider Services(string? dataPath)
    {
        var builder = new ConfigurationBuilder().AddEnvironmentVariables();
        if (dataPath is not null)
        {
            builder.AddInMemoryCollection([new KeyValuePair<string, string?>(StorageSettings.Keys.DataPath, dataPath)]);
        }

        try
        {
            return new ServiceCollection().AddMarketIntelStorage(builder.Build()).BuildServiceProvider();
        }
        catch (StorageConfigurationException e)
        {
            throw new CliUsageException(e.Message);
        }
    }

    private static Command CreateImport()
    {
        var bars = new Option<string>("--bars") { Description = "Quotes CSV: timestamp (or date),open,high,low,close,volume[,trades].", Required = true };
        var symbol = new Option<string>("--symbol") { Description = "The symbol the bars belong to (AAPL, BTC-USD).", Required = true };
        var timeframe = new Option<string>("--timeframe") { Description = "The bars' timeframe (1m, 1h, 1d ...).", Required = true };
        var data = new Option<string?>("--data") { Description = "Embedded store folder (Storage:DataPath); default .data." };
        var command = new Command("import", "Archive a quotes file and store its bars (revised bars replace stored ones).") { bars, symbol, timeframe, data };
        command.SetAction(parse =>
        {
            var path = CliArguments.ExistingFile("--bars", parse.GetValue(bars));
            var sym = ParseSymbol(parse.GetValue(symbol));
            var tf = CliArguments.Timeframe("--timeframe", parse.GetValue(timeframe));
            using var services = Services(parse.GetValue(data));
            return Import(services, path, sym, tf, parse.InvocationConfiguration.Error);
        });
        return command;
    }

    private static Command CreateExport()
    {
        var symbol = new Option<string>("--symbol") { Description = "The symbol to read.", Required = true };
        var timeframe = new Option<string>("--timeframe") { Description = "The timeframe to read (1m, 1h, 1d ...).", Required = true };
        var from = new Option<string?>("--from") { Description = "First open time, UTC (2024-01-02 or 2024-01-02T14:30:00Z); default: the beginning." };
        var to = new Option<string?>("--to") { Description = "End (exclusive), UTC; default: the end." };
        var output = new Option<string>("--out") { Description = "Output quotes CSV.", Required = true };
        var data = new Option<string?>("--data") { Description = "Embedded store folder (Storage:DataPath); default .data." };
        var command = new Command("export", "Write stored bars of one symbol and timeframe to a quotes file.") { symbol, timeframe, from, to, output, data };
        command.SetAction(parse =>
        {
            var sym = ParseSymbol(parse.GetValue(symbol));
            var tf = CliArguments.Timeframe("--timeframe", parse.GetValue(timeframe));
            var start = parse.GetValue(from) is { } f ? ParseTime("--from", f) : new DateTime(1970, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            var end = parse.GetValue(to) is { } t ? ParseTime("--to", t) : new DateTime(2200, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            using var services = Services(parse.GetValue(data));
            return Export(services, sym, tf, start, end, parse.GetValue(output)!, parse.InvocationConfiguration.Error);
        });
        return command;
    }

    private static Symbol ParseSymbol(string? text) =>
        Symbol.IsValid(text, out var reason) ? new Symbol(text!) : throw new CliUsageException($"--symbol: '{text}' is not a symbol: {reason}");

    private static DateTime ParseTime(string option, string text) =>
        MarketText.TryParseUtc(text, out var utc) ? utc : throw new CliUsageException($"{option}: '{text}' is not a UTC date or time (2024-01-02 or 2024-01-02T14:30:00Z)");

    private static string CodeVersion() =>
        typeof(BarsCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
