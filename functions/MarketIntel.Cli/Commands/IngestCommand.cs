using System.CommandLine;
using System.Globalization;
using MarketIntel.Core.Market.Csv;
using MarketIntel.Core.Storage;
using MarketIntel.Ingestion.Composition;
using MarketIntel.Ingestion.Metrics;
using MarketIntel.Ingestion.Providers;
using MarketIntel.Ingestion.Service;
using MarketIntel.Storage.Configuration;
using MarketIntel.Storage.Embedded;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MarketIntel.Cli.Commands;

/// <summary>
/// <c>marketintel ingest</c>: fetch bars from a provider into the stores, resumable through the checkpoints (running the
/// same command again continues where it stopped; re-fetched bars replace themselves, never duplicate).
/// </summary>
public static class IngestCommand
{
    public static Command Create()
    {
        var provider = new Option<string>("--provider") { Description = "simulator (default, offline), binance, coinbase, alpaca or polygon.", DefaultValueFactory = _ => ProviderNames.Simulator };
        var symbols = new Option<string[]>("--symbols") { Description = "Symbols, comma-separated or repeated (BTC-USD, BTCUSDT, AAPL).", Required = true, AllowMultipleArgumentsPerToken = true };
        var timeframe = new Option<string>("--timeframe") { Description = "Bar timeframe (1m, 5m, 1h, 1d ...).", DefaultValueFactory = _ => "1m" };
        var from = new Option<string>("--from") { Description = "First bar open time, ISO 8601 UTC (2024-03-04 or 2024-03-04T14:30Z).", Required = true };
        var to = new Option<string>("--to") { Description = "End of the range (exclusive), ISO 8601 UTC; default now." };
        var store = new Option<string>("--store") { Description = "embedded (SQLite and files under --data, default) or azure (Cosmos DB and Blob from the environment).", DefaultValueFactory = _ => "embedded" };
        var data = new Option<string>("--data") { Description = "Data folder of the embedded store.", DefaultValueFactory = _ => StorageSettings.DefaultDataPath };
        var restart = new Option<bool>("--restart") { Description = "Ignore the checkpoints and fetch the whole range again." };
        var seed = new Option<ulong?>("--seed") { Description = "Seed of the simulator (default 42, or Ingestion:Simulator:Seed)." };
        var quiet = new Option<bool>("--quiet") { Description = "No progress bar." };
        var command = new Command("ingest", "Ingest bars from a market data provider into the stores (resumable).") { provider, symbols, timeframe, from, to, store, data, restart, seed, quiet };
        command.SetAction(parse => Run(
            new IngestArguments(
                (parse.GetValue(provider) ?? ProviderNames.Simulator).Trim().ToLowerInvariant(),
                ParseSymbols(parse.GetValue(symbols) ?? []),
                CliArguments.Timeframe("--timeframe", parse.GetValue(timeframe)),
                Time("--from", parse.GetValue(from)),
                parse.GetValue(to) is { } end ? Time("--to", end) : null,
                (parse.GetValue(store) ?? "embedded").Trim().ToLowerInvariant(),
                parse.GetValue(data) ?? StorageSettings.DefaultDataPath,
                parse.GetValue(restart),
                parse.GetValue(seed),
                !parse.GetValue(quiet)),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error));
        return command;
    }

    public static int Run(IngestArguments arguments, TextWriter output, TextWriter error, IConfiguration? configuration = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var time = timeProvider ?? TimeProvider.System;
        var toUtc = arguments.ToUtc ?? time.GetUtcNow().UtcDateTime;
        if (toUtc <= arguments.FromUtc)
        {
            throw new CliUsageException($"--to ({MarketText.FormatBarTime(toUtc)}) must be after --from ({MarketText.FormatBarTime(arguments.FromUtc)})");
        }

        var overrides = new Dictionary<string, string?>();
        if (arguments.Seed is { } s)
        {
            overrides[IngestionSettings.Keys.SimulatorSeed] = s.ToString(CultureInfo.InvariantCulture);
        }

        var config = configuration ?? new ConfigurationBuilder().AddEnvironmentVariables().AddInMemoryCollection(overrides).Build();
        if (configuration is not null && overrides.Count > 0)
        {
            config = new ConfigurationBuilder().AddConfiguration(configuration).AddInMemoryCollection(overrides).Build();
        }

        var (bars, records, archive, owner) = Stores(arguments, config, time);
        using (owner)
        {
            var metrics = new IngestionMetrics(time);
            var events = new IngestionEventLog(records, time, IngestionInfo.CodeVersion);
            var catalog = new ProviderCatalog(IngestionSettings.From(config), archive, metrics, time, IngestionInfo.CodeVersion, events);
            var barProvider = catalog.Create(arguments.Provider);
            var service = new IngestionService([barProvider], bars, records, metrics, time);
            var progress = new IngestProgressBar(error, arguments.ShowProgress);
            var report = service.IngestAsync(new IngestionRequest(barProvider.Name, arguments.Symbols, arguments.Timeframe, arguments.FromUtc, toUtc) { IgnoreCheckpoints = arguments.Restart }, progress)
                .GetAwaiter().GetResult();
            progress.Complete();
            Print(report, arguments, output);
            if (report.Completed)
            {
                return CliRunner.Ok;
            }

            error.WriteLine("ingest: some series stopped early; run the same command again to resume from the checkpoints.");
            if (arguments.Provider != ProviderNames.Simulator)
            {
                error.WriteLine($"ingest: {arguments.Provider} is a real provider: it needs network access to its API (this is not available on an offline machine; use --provider simulator there).");
            }

            return CliRunner.Failure;
        }
    }

    private static void Print(IngestionReport report, IngestArguments arguments, TextWriter output)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ingest {report.Provider} {report.Timeframe} {MarketText.FormatBarTime(report.FromUtc)}..{MarketText.FormatBarTime(report.ToUtc)} into {arguments.Store}: {report.Series.Count} series, {report.BarsWritten} bars written, {report.GapsFound} gaps ({report.BarsBackfilled} bars backfilled)"));
        foreach (var series in report.Series)
        {
            var state = series.Completed ? "complete" : "STOPPED: " + series.Error;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {series.Symbol,-12} {series.BarsWritten + series.BarsBackfilled,8} bars  {series.BarsRejected} rejected  {series.GapsUnfilled} unfilled gaps  until {MarketText.FormatBarTime(series.CompleteUntilUtc)}  {state}"));
        }

        if (report.Metrics is { } m)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  requests {m.Requests}, retries {m.Retries}, payloads rejected {m.PayloadsRejected.Values.Sum()}, breaker {m.BreakerState} (opened {m.BreakerOpenings}x), rate-limited waits {m.RateLimiterWaits}"));
        }
    }

    private static (IBarStore Bars, IRecordStore Records, IRawArchive Archive, IDisposable? Owner) Stores(IngestArguments arguments, IConfiguration configuration, TimeProvider time)
    {
        switch (arguments.Store)
        {
            case "embedded":
                var database = new EmbeddedDatabase(arguments.DataPath);
                return (new EmbeddedBarStore(database, time), new EmbeddedRecordStore(database, time), new FileRawArchive(Path.Combine(database.DataPath, "raw")), null);
            case "azure":
                var azure = new ConfigurationBuilder().AddConfiguration(configuration)
                    .AddInMemoryCollection(new Dictionary<string, string?> { [StorageSettings.Keys.Provider] = nameof(StorageProvider.Azure) }).Build();
                ServiceProvider services;
                try
                {
                    services = new ServiceCollection().AddSingleton(time).AddMarketIntelStorage(azure).BuildServiceProvider();
                }
                catch (StorageConfigurationException ex)
                {
                    throw new CliUsageException("--store azure: " + ex.Message);
                }

                return (services.GetRequiredService<IBarStore>(), services.GetRequiredService<IRecordStore>(), services.GetRequiredService<IRawArchive>(), services);
            default:
                throw new CliUsageException($"--store: '{arguments.Store}' is not a store; use embedded or azure");
        }
    }

    private static IReadOnlyList<string> ParseSymbols(string[] values)
    {
        var list = values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return list.Count > 0 ? list : throw new CliUsageException("--symbols: at least one symbol is required");
    }

    private static DateTime Time(string option, string? text) =>
        MarketText.TryParseUtc(text, out var utc) ? utc : throw new CliUsageException($"{option}: '{text}' is not an ISO 8601 UTC time (2024-03-04 or 2024-03-04T14:30Z)");
}
