using System.Globalization;
using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using MarketIntel.Ingestion.Providers;
using MarketIntel.Ingestion.Service;
using MarketIntel.Storage.Configuration;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MarketIntel.Host.Tests.Reliability;

/// <summary>
/// A stopped host's data folder read from the test process: bars straight from the SQLite file (a brute-force read that
/// does not go through the bar store's code), records through the real embedded record store.
/// </summary>
public sealed class StoredData : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public StoredData(string dataPath)
    {
        DataPath = dataPath;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:DataPath"] = dataPath }).Build();
        _services = new ServiceCollection().AddMarketIntelStorage(configuration).BuildServiceProvider();
    }

    public string DataPath { get; }

    public IRecordStore Records => _services.GetRequiredService<IRecordStore>();

    public IBarStore Bars => _services.GetRequiredService<IBarStore>();

    /// <summary>Every stored row of one series in time order, with how many rows share each open time.</summary>
    public async Task<List<(Bar Bar, long Copies)>> BarRowsAsync(string symbol, Timeframe timeframe)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = Path.Combine(DataPath, "marketintel.db"), Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        await using var connection = new SqliteConnection(builder.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT open_time, MIN(open), MIN(high), MIN(low), MIN(close), MIN(volume), MIN(trades), COUNT(*)
            FROM bars WHERE symbol = $symbol AND timeframe = $timeframe GROUP BY open_time ORDER BY open_time;
            """;
        command.Parameters.AddWithValue("$symbol", symbol);
        command.Parameters.AddWithValue("$timeframe", timeframe.Minutes);
        var rows = new List<(Bar, long)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var open = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)).UtcDateTime;
            rows.Add((new Bar(open, reader.GetDouble(1), reader.GetDouble(2), reader.GetDouble(3), reader.GetDouble(4),
                decimal.Parse(reader.GetString(5), CultureInfo.InvariantCulture), reader.GetInt64(6)), reader.GetInt64(7)));
        }

        return rows;
    }

    /// <summary>The simulator provider's ingestion checkpoints by series id (<c>symbol|timeframe</c>).</summary>
    public async Task<Dictionary<string, IngestionCheckpoint>> CheckpointsAsync()
    {
        var result = new Dictionary<string, IngestionCheckpoint>(StringComparer.Ordinal);
        await foreach (var record in Records.ReadAllAsync<IngestionCheckpoint>(RecordKinds.IngestionCheckpoint, CheckpointStore.Partition(ProviderNames.Simulator)))
        {
            result[record.Id] = record.Payload;
        }

        return result;
    }

    public ValueTask DisposeAsync()
    {
        // Pooled SQLite connections would keep the file open after the test deletes the folder.
        SqliteConnection.ClearAllPools();
        return _services.DisposeAsync();
    }
}
