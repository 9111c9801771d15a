using MarketIntel.Core.Storage;
using MarketIntel.Storage.Embedded;
using MarketIntel.Storage.Tests.Contracts;

namespace MarketIntel.Storage.Tests.Embedded;

public sealed class FileRawArchiveTests : RawArchiveContract, IDisposable
{
    private readonly EmbeddedTestDirectory directory = new();

    public FileRawArchiveTests() => Archive = new FileRawArchive(Path.Combine(directory.Path, "raw"));

    protected override IRawArchive Archive { get; }

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task ArchivedFiles_AreLaidOutLikeTheBlobNames()
    {
        var entry = await Archive.PutAsync(Payload("alpaca", "{}"));

        Assert.True(File.Exists(Path.Combine(directory.Path, "raw", entry.Key)));
        Assert.True(File.Exists(Path.Combine(directory.Path, "raw", entry.Key + ".meta.json")));
    }
}
