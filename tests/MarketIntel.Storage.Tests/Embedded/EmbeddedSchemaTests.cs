using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using MarketIntel.Storage.Embedded;
using Microsoft.Data.Sqlite;

namespace MarketIntel.Storage.Tests.Embedded;

public sealed class EmbeddedSchemaTests : IDisposable
{
    private readonly EmbeddedTestDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task FirstUse_CreatesOneWalFile_AtTheLatestSchemaVersion()
    {
        var database = new EmbeddedDatabase(directory.Path);

        Assert.Equal(EmbeddedSchema.LatestVersion, await database.SchemaVersionAsync());
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
        Assert.Equal(Path.Combine(directory.Path, EmbeddedDatabase.FileName), database.FilePath);
    }

    [Fact]
    public async Task Reopening_KeepsTheData_AndDoesNotMigrateAgain()
    {
        var bars = TestBars.Generate(Timeframe.OneDay, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), 5);
        await new EmbeddedBarStore(new EmbeddedDatabase(directory.Path), TimeProvider.System).UpsertAsync("AAPL", Timeframe.OneDay, bars, new BarProvenance("t", "1"));
        SqliteConnection.ClearAllPools();

        var reopened = new EmbeddedDatabase(directory.Path);
        var page = await new EmbeddedBarStore(reopened, TimeProvider.System).ReadAsync(new BarRangeQuery("AAPL", Timeframe.OneDay, bars[0].OpenTime, bars[^1].OpenTime.AddDays(1)));

        Assert.Equal(bars, page.Bars.ToList());
        Assert.Equal(EmbeddedSchema.LatestVersion, await reopened.SchemaVersionAsync());
    }

    [Fact]
    public async Task ADataPathThatIsAFile_FailsWithAnErrorNamingTheSetting()
    {
        Directory.CreateDirectory(directory.Path);
        var file = Path.Combine(directory.Path, "not-a-folder");
        await File.WriteAllTextAsync(file, "x");

        var error = await Assert.ThrowsAsync<MarketIntel.Storage.Configuration.StorageConfigurationException>(() => new EmbeddedDatabase(file).SchemaVersionAsync());

        Assert.Contains("Storage:DataPath", error.Message, StringComparison.Ordinal);
        Assert.Contains(file, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFileFromNewerCode_IsRefusedWithAClearError()
    {
        var database = new EmbeddedDatabase(directory.Path);
        await using (var connection = await database.OpenAsync(CancellationToken.None))
        {
            await EmbeddedSchema.ExecuteAsync(connection, "PRAGMA user_version = 99;", CancellationToken.None);
        }

        SqliteConnection.ClearAllPools();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new EmbeddedDatabase(directory.Path).SchemaVersionAsync());

        Assert.Contains("schema version 99", error.Message, StringComparison.Ordinal);
        Assert.Contains("Storage:DataPath", error.Message, StringComparison.Ordinal);
    }
}
