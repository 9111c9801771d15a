using Microsoft.Data.Sqlite;

namespace MarketIntel.Storage.Tests.Embedded;

/// <summary>A scratch data folder per test, removed afterwards.</summary>
public sealed class EmbeddedTestDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "marketintel-storage-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        // Pooled connections keep the file open; release them before deleting.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
