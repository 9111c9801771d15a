using MarketIntel.Core.Market;
using MarketIntel.Ingestion.Streaming;

namespace MarketIntel.Ingestion.Tests.Streaming;

public sealed class TradeIdSetTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RandomIdsBelowTheLimits_BehaveExactlyLikeAHashSet_AndSurviveTheStoredForm(int seed)
    {
        var random = new Random(seed);
        var set = new TradeIdSet(maxRanges: 100_000, maxTextIds: 100_000);
        var reference = new HashSet<TradeId>();
        for (var i = 0; i < 20_000; i++)
        {
            // Mostly a consecutive run with re-sends and gaps filled later, some text ids (leading zeros stay text).
            var id = random.Next(10) switch
            {
                0 => TradeId.Parse("x" + random.Next(500).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                1 => TradeId.Parse("0" + random.Next(1, 50).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                _ => new TradeId(random.Next(-50, 3_000)),
            };
            var expected = reference.Add(id) ? TradeIdAddResult.Added : TradeIdAddResult.AlreadyPresent;
            Assert.Equal(expected, set.Add(id));
        }

        var restored = TradeIdSet.From(set.ToRanges(), set.ToTextHashes(), set.AbsorbedIds, 100_000, 100_000);
        for (var n = -100; n < 3_100; n++)
        {
            Assert.Equal(reference.Contains(new TradeId(n)), set.Contains(new TradeId(n)));
            Assert.Equal(reference.Contains(new TradeId(n)), restored.Contains(new TradeId(n)));
        }

        foreach (var text in reference.Where(r => !r.IsNumeric))
        {
            Assert.True(restored.Contains(text));
        }

        Assert.False(restored.Contains(TradeId.Parse("never-sent")));
        Assert.Equal(0, set.AbsorbedIds);
        AssertCanonical(set.ToRanges());
        Assert.Equal(reference.Count(r => r.IsNumeric), Covered(set.ToRanges()));
    }

    [Fact]
    public void AMillionConsecutiveIds_EndAsOneRange_WhenEveryTenthBlockArrivesLate()
    {
        var set = new TradeIdSet(16, 16);
        // Blocks of 1,000 ids; every tenth arrives three blocks late (missed, then repaired after a reconnect).
        var blocks = Enumerable.Range(0, 1_000).OrderBy(b => b % 10 == 0 ? b + 3.5 : b).ToList();
        foreach (var block in blocks)
        {
            for (var i = 0; i < 1_000; i++)
            {
                Assert.Equal(TradeIdAddResult.Added, set.Add(new TradeId(8_000_000_000 + (block * 1_000L) + i)));
            }
        }

        Assert.Equal([8_000_000_000, 8_000_999_999], set.ToRanges());
        Assert.Equal(0, set.AbsorbedIds);
        Assert.Equal(TradeIdAddResult.AlreadyPresent, set.Add(new TradeId(8_000_500_000)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(64)]
    public void SparseIds_StayWithinTheRangeLimit_NeverCountAnIdTwice_AndAccountForEveryAbsorbedId(int maxRanges)
    {
        var random = new Random(maxRanges);
        var set = new TradeIdSet(maxRanges, 0);
        var added = new HashSet<long>();
        for (var i = 0; i < 5_000; i++)
        {
            var n = (long)random.Next(0, 40_000) * 3; // sparse: a venue numbering several symbols' trades in one sequence
            var result = set.Add(new TradeId(n));
            if (result == TradeIdAddResult.Added)
            {
                Assert.True(added.Add(n), $"{n} was added twice");
            }
            else
            {
                // Refused: either really held, or inside an absorbed gap (which the accounting below covers).
                Assert.True(set.Contains(new TradeId(n)));
            }

            Assert.True(set.RangeCount <= maxRanges);
        }

        Assert.All(added, n => Assert.True(set.Contains(new TradeId(n))));
        AssertCanonical(set.ToRanges());
        // Law: the ranges cover exactly the added ids plus the absorbed ones.
        Assert.Equal(added.Count + set.AbsorbedIds, Covered(set.ToRanges()));
        Assert.True(set.AbsorbedIds > 0);
    }

    [Fact]
    public void TextIds_AreHeldUpToTheLimit_ThenTheSetIsFull_WhileNumericIdsStillFit()
    {
        var set = new TradeIdSet(4, 3);
        Assert.Equal(TradeIdAddResult.Added, set.Add(TradeId.Parse("a-1")));
        Assert.Equal(TradeIdAddResult.Added, set.Add(TradeId.Parse("007")));
        Assert.Equal(TradeIdAddResult.AlreadyPresent, set.Add(TradeId.Parse("a-1")));
        Assert.Equal(TradeIdAddResult.Added, set.Add(TradeId.Parse("b-2")));
        Assert.Equal(TradeIdAddResult.Full, set.Add(TradeId.Parse("c-3")));
        Assert.False(set.Contains(TradeId.Parse("c-3")));
        Assert.False(set.Contains(new TradeId(7))); // "007" is text, 7 a different (numeric) id
        Assert.Equal(TradeIdAddResult.Added, set.Add(new TradeId(7)));
        Assert.Equal(TradeIdAddResult.AlreadyPresent, set.Add(TradeId.Parse("007")));
        Assert.Equal(3 * sizeof(long), set.ToTextHashes()!.Length);
    }

    [Fact]
    public void TheExtremesOfTheIdRange_AreHeldWithoutOverflow()
    {
        var set = new TradeIdSet(2, 0);
        Assert.Equal(TradeIdAddResult.Added, set.Add(new TradeId(long.MaxValue)));
        Assert.Equal(TradeIdAddResult.Added, set.Add(new TradeId(long.MinValue)));
        Assert.Equal(TradeIdAddResult.Added, set.Add(new TradeId(long.MaxValue - 1)));
        Assert.Equal(TradeIdAddResult.Added, set.Add(new TradeId(0)));
        Assert.Equal(2, set.RangeCount);
        Assert.True(set.Contains(new TradeId(long.MinValue)));
        Assert.True(set.Contains(new TradeId(long.MaxValue)));
        Assert.Equal(long.MaxValue - 2, set.AbsorbedIds); // the smaller gap: 1 .. MaxValue-2
    }

    [Fact]
    public void AStoredFormThatIsNotSortedDisjointPairs_IsRefused()
    {
        Assert.Throws<FormatException>(() => TradeIdSet.From([5, 3], null, 0, 8, 8));
        Assert.Throws<FormatException>(() => TradeIdSet.From([1, 5, 5, 9], null, 0, 8, 8));
        Assert.Throws<FormatException>(() => TradeIdSet.From([1, 5, 7], null, 0, 8, 8));
        Assert.Throws<FormatException>(() => TradeIdSet.From(null, [1, 2, 3], 0, 8, 8));
    }

    [Fact]
    public void AStoredSetOverALowerLimit_IsBroughtWithinIt()
    {
        var set = TradeIdSet.From([1, 1, 3, 3, 10, 10, 12, 12], null, 0, 2, 0);

        Assert.Equal([1, 3, 10, 12], set.ToRanges());
        Assert.Equal(1 + 1, set.AbsorbedIds);
    }

    private static void AssertCanonical(long[] ranges)
    {
        for (var i = 0; i < ranges.Length; i += 2)
        {
            Assert.True(ranges[i] <= ranges[i + 1]);
            if (i + 2 < ranges.Length)
            {
                Assert.True(ranges[i + 2] > ranges[i + 1] + 1, "ranges must be disjoint and not adjacent");
            }
        }
    }

    private static long Covered(long[] ranges)
    {
        long total = 0;
        for (var i = 0; i < ranges.Length; i += 2)
        {
            total += ranges[i + 1] - ranges[i] + 1;
        }

        return total;
    }
}
