using MarketIntel.Storage.Embedded;

namespace MarketIntel.Storage.Tests.Embedded;

public sealed class EmbeddedETagsTests
{
    [Fact]
    public void ETags_AreQuotedHexOfTheOldShape()
    {
        var etag = EmbeddedETags.Next();

        Assert.Equal(34, etag.Length);
        Assert.Equal('"', etag[0]);
        Assert.Equal('"', etag[^1]);
        Assert.All(etag[1..^1], c => Assert.True(char.IsAsciiHexDigitLower(c), $"'{c}' in {etag} is not a lower-case hex digit"));
    }

    [Fact]
    public void ETags_NeverRepeat_AcrossThreads()
    {
        const int perThread = 20_000;
        var batches = new string[4][];
        Parallel.For(0, batches.Length, t =>
        {
            var mine = new string[perThread];
            for (var i = 0; i < perThread; i++)
            {
                mine[i] = EmbeddedETags.Next();
            }

            batches[t] = mine;
        });

        var all = batches.SelectMany(b => b).ToList();
        Assert.Equal(all.Count, all.Distinct(StringComparer.Ordinal).Count());
    }
}
