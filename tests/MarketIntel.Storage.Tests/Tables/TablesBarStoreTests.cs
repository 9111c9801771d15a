using MarketIntel.Core.Market;
using MarketIntel.Core.Storage;
using MarketIntel.Storage.Tables;
using MarketIntel.Storage.Tests.Contracts;
using MarketIntel.Storage.Tests.Emulators;

namespace MarketIntel.Storage.Tests.Tables;

[Trait("Category", "Emulator")]
[Collection(AzuriteCollection.Name)]
public sealed class TablesBarStoreTests(AzuriteFixture azurite) : BarStoreContract
{
    private readonly TablesStorage storage = azurite.NewTablesStorage();

    protected override IBarStore Store => new TablesBarStore(storage, TimeProvider.System);

    [Theory]
    [InlineData("BTC/USD")]
    [InlineData("ES=F")]
    [InlineData("^GSPC")]
    [InlineData("BRK.B")]
    [InlineData("EUR_USD:FX")]
    [InlineData("a-b.c_d/e:f^g=h/")]
    public async Task EverySymbolCharacter_RoundTrips_AndHistoryStartFindsIt(string symbolText)
    {
        // The symbols' own alphabet (letters, digits and - . _ / : ^ =) holds '/', which Tables forbids in keys.
        var symbol = new Symbol(symbolText + Guid.NewGuid().ToString("N")[..4]);
        var bars = TestBars.Generate(Timeframe.OneMinute, new DateTime(2024, 5, 31, 23, 50, 0, DateTimeKind.Utc), 20);

        await Store.UpsertAsync(symbol, Timeframe.OneMinute, bars, new BarProvenance("p", "1"));
        var page = await Store.ReadAsync(new BarRangeQuery(symbol, Timeframe.OneMinute, bars[0].OpenTime, bars[^1].OpenTime.AddMinutes(1)));

        Assert.Equal(bars, page.Bars.ToList());
        Assert.Equal(new DateTime(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc), await Store.HistoryStartAsync(symbol, Timeframe.OneMinute));
    }

    [Fact]
    public async Task ALargeBatch_IsWrittenAsTransactionsOfOnePartition_AndEveryBarLandsInItsMonth()
    {
        // 1,000 hourly bars over two month boundaries: transactions are cut at 100 bars and at each partition edge.
        var symbol = TestBars.UniqueSymbol();
        var bars = TestBars.Generate(Timeframe.OneHour, new DateTime(2024, 1, 20, 0, 0, 0, DateTimeKind.Utc), 1000);

        await Store.UpsertAsync(symbol, Timeframe.OneHour, bars, new BarProvenance("p", "1"));

        var table = azurite.Tables.GetTableClient(storage.TableName(StorageContainers.Bars));
        var keys = new List<(string Pk, string Rk)>();
        await foreach (var entity in table.QueryAsync<Azure.Data.Tables.TableEntity>(select: ["PartitionKey", "RowKey"]))
        {
            if (TableKeys.Unescape(entity.PartitionKey).StartsWith(symbol.Value + "|", StringComparison.Ordinal))
            {
                keys.Add((TableKeys.Unescape(entity.PartitionKey), entity.RowKey));
            }
        }

        Assert.Equal(1000, keys.Count);
        Assert.All(keys, k => Assert.Equal(BarRecordRules.PartitionKey(symbol, Timeframe.OneHour, DateTime.ParseExact(k.Rk, "yyyy-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal)), k.Pk));
        Assert.Equal(3, keys.Select(k => k.Pk).Distinct().Count());
    }
}
