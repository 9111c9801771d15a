using MarketIntel.Pipeline.Orchestration;

namespace MarketIntel.Pipeline.Tests.Orchestration;

public sealed class BatchPlannerTests
{
    [Theory]
    [InlineData(10, 3)]
    [InlineData(1, 1)]
    [InlineData(1_000_003, 7)]
    [InlineData(64, 64)]
    [InlineData(100_000, 1)]
    public void SplitPaths_CoversEveryPathOnceInContiguousNearlyEqualRanges(long total, int batches)
    {
        var plan = BatchPlanner.SplitPaths(total, batches);
        Assert.Equal(batches, plan.Count);
        long next = 0;
        for (var i = 0; i < plan.Count; i++)
        {
            Assert.Equal((i, next), (plan[i].Index, plan[i].Start));
            next += plan[i].Count;
        }

        Assert.Equal(total, next);
        Assert.True(plan.Max(r => r.Count) - plan.Min(r => r.Count) <= 1);
    }

    [Fact]
    public void SplitPaths_RejectsEmptyBatches()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BatchPlanner.SplitPaths(3, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => BatchPlanner.SplitPaths(0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => BatchPlanner.SplitPaths(3, 0));
    }

    [Fact]
    public void Chunk_KeepsOrderAndSizes()
    {
        var chunks = BatchPlanner.Chunk(Enumerable.Range(0, 7).ToList(), 3);
        Assert.Equal([[0, 1, 2], [3, 4, 5], [6]], chunks);
        Assert.Empty(BatchPlanner.Chunk(Array.Empty<int>(), 3));
    }

    [Fact]
    public void RetryPolicy_BacksOffExponentiallyUpToTheCap()
    {
        var p = new PipelineRetryPolicy(6, TimeSpan.FromSeconds(2), 2, TimeSpan.FromSeconds(10));
        Assert.Equal([0, 2, 4, 8, 10, 10], Enumerable.Range(1, 6).Select(a => p.DelayBeforeAttempt(a).TotalSeconds));
    }
}
