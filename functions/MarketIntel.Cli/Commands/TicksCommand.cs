using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MarketIntel.Core.Storage;
using MarketIntel.Ingestion.Metrics;
using MarketIntel.Ingestion.Streaming;
using MarketIntel.Storage.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MarketIntel.Cli.Commands;

/// <summary>
/// <c>marketintel ticks replay</c>: a JSON-lines file of tick messages (<see cref="TickMessageFormat"/>, one per line)
/// through the Event Hub path, <see cref="TickBatchProcessor"/>, in batches as the trigger would deliver them, into the
/// chosen store. The file is checked first: a line that is not a JSON object, or lacks a required field or has it in the
/// wrong JSON type, stops the command (exit 2) naming the line and the field, and nothing is stored. Values the format
/// refuses (a price of 0, a bad symbol) and duplicate, late or overflowing trades are the processor's rejections,
/// reported per line as it reports them.
/// </summary>
public static class TicksCommand
{
    /// <summary>How many rejections are listed line by line; the rest are counted.</summary>
    private const int ListedRejections = 50;

    private static readonly (string Name, JsonValueKind[] Kinds, string Expected)[] Required =
    [
        ("symbol", [JsonValueKind.String], "a string"),
        ("price", [JsonValueKind.Number], "a number"),
        ("size", [JsonValueKind.Number], "a number"),
        ("time", [JsonValueKind.String, JsonValueKind.Number], "an ISO 8601 string or epoch milliseconds"),
        ("tradeId", [JsonValueKind.String, JsonValueKind.Number], "a string or an integer"),
    ];

    public static Command Create()
    {
        var command = new Command("ticks", "Tick messages: replay a file through the Event Hub path.");
        command.Subcommands.Add(CreateReplay());
        return command;
    }

    public static int Replay(IServiceProvider services, string path, int batchSize, TextWriter output, TextWriter error)
    {
        var lines = new List<(int Line, string Message)>();
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            if (Malformed(line) is { } problem)
            {
                error.WriteLine($"error: {path} line {number.ToString(CultureInfo.InvariantCulture)}: {problem}; nothing was stored");
                return CliRunner.BadInput;
            }

            lines.Add((number, line));
        }

        var metrics = new IngestionMetrics();
        var processor = new TickBatchProcessor(services.GetRequiredService<IRawArchive>(), services.GetRequiredService<IBarStore>(), services.GetRequiredService<IRecordStore>(), TimeProvider.System, new TickBatchOptions(), metrics);
        var (batches, accepted, written, listed) = (0, 0, 0, 0);
        var reasons = new SortedDictionary<string, int>(StringComparer.Ordinal);
        for (var start = 0; start < lines.Count; start += batchSize)
        {
            var batch = lines.GetRange(start, Math.Min(batchSize, lines.Count - start));
            var result = processor.ProcessAsync(batch.ConvertAll(l => l.Message)).GetAwaiter().GetResult();
            batches++;
            accepted += result.Accepted;
            written += result.BarsWritten;
            foreach (var rejection in result.Rejections)
            {
                reasons[rejection.Reason] = reasons.GetValueOrDefault(rejection.Reason) + 1;
                if (listed++ < ListedRejections)
                {
                    output.WriteLine($"line {batch[rejection.Index].Line.ToString(CultureInfo.InvariantCulture)}: {rejection.Reason}: {rejection.Detail}");
                }
            }

            if (result.RejectionsArchiveKey is { } key)
            {
                error.WriteLine($"ticks replay: batch {batches.ToString(CultureInfo.InvariantCulture)}: malformed or invalid messages archived at {key}");
            }
        }

        if (listed > ListedRejections)
        {
            output.WriteLine($"... and {(listed - ListedRejections).ToString(CultureInfo.InvariantCulture)} more rejections");
        }

        var rejected = string.Join(", ", reasons.Select(r => $"{r.Key}: {r.Value.ToString(CultureInfo.InvariantCulture)}"));
        error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ticks replay: {lines.Count} messages in {batches} batches of at most {batchSize}: {accepted} accepted, {lines.Count - accepted} rejected{(rejected.Length > 0 ? " (" + rejected + ")" : string.Empty)}; {written} bar writes"));
        return CliRunner.Ok;
    }

    /// <summary>What makes a line unusable as a message at all (null when it is a JSON object with every required field in its JSON type).</summary>
    private static string? Malformed(string line)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException ex)
        {
            return $"not JSON (byte {ex.BytePositionInLine?.ToString(CultureInfo.InvariantCulture) ?? "?"})";
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return $"expected a JSON object, got {document.RootElement.ValueKind}";
            }

            foreach (var (name, kinds, expected) in Required)
            {
                if (!document.RootElement.TryGetProperty(name, out var value))
                {
                    return $"field '{name}' is missing";
                }

                if (!kinds.Contains(value.ValueKind))
                {
                    return $"field '{name}' must be {expected}, not {value.ValueKind}";
                }
            }
        }

        return null;
    }

    private static Command CreateReplay()
    {
        var messages = new Option<string>("--messages") { Description = "JSON-lines file, one tick message per line: {\"symbol\",\"price\",\"size\",\"time\",\"tradeId\"[,\"side\"]}.", Required = true };
        var batch = new Option<int>("--batch") { Description = "Messages per batch (as an Event Hub trigger would deliver them), 1 to 100000.", DefaultValueFactory = _ => 1000 };
        var store = new Option<string>("--store") { Description = "embedded (default), azure (Cosmos DB and Blob) or tables (Azure Tables and Blob); settings from environment variables.", DefaultValueFactory = _ => "embedded" };
        var data = new Option<string?>("--data") { Description = "Embedded store folder (Storage:DataPath); default .data." };
        var command = new Command("replay", "Replay a tick message file through the tick processor (exactly once: a replayed file adds nothing).") { messages, batch, store, data };
        command.SetAction(parse =>
        {
            var path = CliArguments.ExistingFile("--messages", parse.GetValue(messages));
            var size = parse.GetValue(batch);
            if (size is < 1 or > 100_000)
            {
                throw new CliUsageException($"--batch is {size.ToString(CultureInfo.InvariantCulture)}; expected 1 to 100000");
            }

            using var services = Services(parse.GetValue(store), parse.GetValue(data));
            return Replay(services, path, size, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        });
        return command;
    }

    private static ServiceProvider Services(string? store, string? dataPath)
    {
        var provider = store?.ToLowerInvariant() switch
        {
            null or "embedded" => "Embedded",
            "azure" => "Azure",
            "tables" => "AzureTables",
            _ => throw new CliUsageException($"--store is '{store}'; expected embedded, azure or tables"),
        };
        var settings = new List<KeyValuePair<string, string?>> { new(StorageSettings.Keys.Provider, provider) };
        if (dataPath is not null)
        {
            settings.Add(new(StorageSettings.Keys.DataPath, dataPath));
        }

        try
        {
            return new ServiceCollection().AddMarketIntelStorage(new ConfigurationBuilder().AddEnvironmentVariables().AddInMemoryCollection(settings).Build()).BuildServiceProvider();
        }
        catch (StorageConfigurationException e)
        {
            throw new CliUsageException(e.Message);
        }
    }
}
