using MarketIntel.Core.Storage;
using MarketIntel.Storage.Embedded;
using MarketIntel.Storage.Tests.Contracts;

namespace MarketIntel.Storage.Tests.Embedded;

public sealed class EmbeddedBarStoreTests : BarStoreContract, IDisposable
{
    private readonly EmbeddedTestDirectory directory = new();

    public EmbeddedBarStoreTests() => Store = new EmbeddedBarStore(new EmbeddedDatabase(directory.Path), TimeProvider.System);

    protected override IBarStore Store { get; }

    public void Dispose() => directory.Dispose();
}
