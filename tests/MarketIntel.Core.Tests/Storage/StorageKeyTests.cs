using MarketIntel.Core.Storage;

namespace MarketIntel.Core.Tests.Storage;

public sealed class StorageKeyTests
{
    [Theory]
    [InlineData(new[] { "AAPL", "1m", "2024-01" }, "AAPL|1m|2024-01")]
    [InlineData(new[] { "BTC/USD", "1h" }, "BTC%2FUSD|1h")]
    [InlineData(new[] { "a|b", "50%" }, "a%7Cb|50%25")]
    [InlineData(new[] { "q?#\\" }, "q%3F%23%5C")]
    public void Compose_EscapesSeparatorsAndCharactersCosmosForbidsInIds(string[] parts, string expected)
    {
        var key = StorageKey.Compose(parts);

        Assert.Equal(expected, key);
        Assert.Null(StorageKey.ValidateId(key));
    }

    [Fact]
    public void Compose_IsInjective_SplittingOnTheSeparatorRecoversTheParts()
    {
        var random = new Random(3);
        const string Alphabet = "ab|/%?#\\-:";
        for (var i = 0; i < 2000; i++)
        {
            var parts = Enumerable.Range(0, random.Next(1, 4))
                .Select(_ => new string(Enumerable.Range(0, random.Next(0, 6)).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray()))
                .ToArray();

            var split = StorageKey.Compose(parts).Split('|').Select(Uri.UnescapeDataString).ToArray();

            Assert.Equal(parts, split);
        }
    }

    [Theory]
    [InlineData("", "cannot be empty")]
    [InlineData("a/b", "'/'")]
    [InlineData("a#b", "'#'")]
    [InlineData("trailing ", "cannot end with a space")]
    public void ValidateId_NamesTheProblem(string id, string expected)
    {
        Assert.Contains(expected, StorageKey.ValidateId(id), StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateId_RefusesIdsLongerThanCosmosAllows()
    {
        Assert.Null(StorageKey.ValidateId(new string('a', 255)));
        Assert.NotNull(StorageKey.ValidateId(new string('a', 256)));
    }

    [Fact]
    public void TimeOrderedIds_SortLikeTheirTimes_WhateverTheOffset()
    {
        var random = new Random(8);
        var times = Enumerable.Range(0, 1000)
            .Select(_ => new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(random.NextInt64(0, TimeSpan.TicksPerDay * 800)).ToOffset(TimeSpan.FromHours(random.Next(-12, 13))))
            .ToList();

        var byId = times.OrderBy(t => StorageKey.TimeOrdered(t, "x"), StringComparer.Ordinal);

        Assert.Equal(times.OrderBy(t => t.UtcTicks), byId);
        Assert.Equal("20240701T120000.0000000Z|a%2Fb", StorageKey.TimeOrdered(new DateTimeOffset(2024, 7, 1, 14, 0, 0, TimeSpan.FromHours(2)), "a/b"));
    }

    [Fact]
    public void Hash_IsDeterministic_AndSeparatesParts()
    {
        Assert.Equal(StorageKey.Hash("a", "b"), StorageKey.Hash("a", "b"));
        Assert.NotEqual(StorageKey.Hash("a", "b"), StorageKey.Hash("ab"));
        Assert.NotEqual(StorageKey.Hash("a|b"), StorageKey.Hash("a", "b"));
        Assert.Equal(32, StorageKey.Hash("x").Length);
        Assert.Null(StorageKey.ValidateId(StorageKey.Hash("x")));
    }
}
