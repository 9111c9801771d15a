using MarketIntel.Pipeline.Engine;

namespace MarketIntel.Pipeline.Tests.Orchestration;

public sealed class BatchPlannerTests
{
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
