using MarketIntel.Core.Storage;
using MarketIntel.Storage.Tables;

namespace MarketIntel.Storage.Tests.Tables;

public sealed class TableKeysTests
{
    private static readonly char[] Forbidden = ['/', '\\', '#', '?'];

    [Fact]
    public void EveryCharacterTablesForbids_IsEscaped_AndComesBack()
    {
        var all = new string([.. Enumerable.Range(0, 0xA0).Select(i => (char)i), '%', 'é', '\u20AC', '|', '\'', '"', ' ']);

        var key = TableKeys.Escape(all);

        Assert.Equal(all, TableKeys.Unescape(key));
        Assert.DoesNotContain(key, c => char.IsControl(c) || Forbidden.Contains(c));
    }

    [Fact]
    public void RandomText_RoundTrips()
    {
        var random = new Random(18);
        for (var i = 0; i < 2000; i++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(0, 40)).Select(_ => (char)random.Next(0, 0x300))]);
            Assert.Equal(text, TableKeys.Unescape(TableKeys.Escape(text)));
        }
    }

    [Fact]
    public void ValidIds_KeepTheirOrdinalOrder_OnceEscaped()
    {
        // Record queries page and bound by id; Tables orders by RowKey. Ids never hold forbidden characters but may
        // hold '%' (StorageKey escapes with it), the one character escaped in them.
        var random = new Random(7);
        const string Alphabet = "%|-.:_0123456789ABCXYZabcxyz %25";
        var ids = Enumerable.Range(0, 3000)
            .Select(_ => new string([.. Enumerable.Range(0, random.Next(1, 12)).Select(_ => Alphabet[random.Next(Alphabet.Length)])]))
            .Where(id => StorageKey.ValidateId(id) is null)
            .Distinct()
            .ToList();

        var byId = ids.Order(StringComparer.Ordinal).ToList();
        var byKey = ids.OrderBy(TableKeys.Escape, StringComparer.Ordinal).ToList();

        Assert.Equal(byId, byKey);
    }

    [Theory]
    [InlineData("%")]
    [InlineData("%4")]
    [InlineData("a%zz")]
    public void MalformedEscapes_AreRefused(string key) => Assert.Throws<FormatException>(() => TableKeys.Unescape(key));
}
