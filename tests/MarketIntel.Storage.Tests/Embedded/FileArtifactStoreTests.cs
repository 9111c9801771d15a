using MarketIntel.Core.Storage;
using MarketIntel.Storage.Embedded;
using MarketIntel.Storage.Tests.Contracts;

namespace MarketIntel.Storage.Tests.Embedded;

public sealed class FileArtifactStoreTests : ArtifactStoreContract, IDisposable
{
    private readonly EmbeddedTestDirectory directory = new();

    public FileArtifactStoreTests() => Store = new FileArtifactStore(Path.Combine(directory.Path, "artifacts"));

    protected override IArtifactStore Store { get; }

    public void Dispose() => directory.Dispose();
}
