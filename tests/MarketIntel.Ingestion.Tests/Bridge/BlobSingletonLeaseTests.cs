using MarketIntel.Ingestion.Bridge;
using MarketIntel.Storage.Tests.Emulators;

namespace MarketIntel.Ingestion.Tests.Bridge;

/// <summary>The blob lease against Azurite: one holder per blob, release and expiry hand over, a lost lease cannot be renewed.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobSingletonLeaseTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task OnlyOneInstanceHoldsTheBlob_AndReleasingHandsItOver()
    {
        var blob = azurite.NewContainer().GetBlobClient("tick-bridge");
        var a = new BlobSingletonLease(blob, TimeSpan.FromSeconds(15));
        var b = new BlobSingletonLease(blob, TimeSpan.FromSeconds(15));

        // The first attempt creates the missing container and blob; the next one leases it.
        var acquired = await a.TryAcquireAsync(CancellationToken.None) || await a.TryAcquireAsync(CancellationToken.None);
        Assert.True(acquired);
        Assert.False(await b.TryAcquireAsync(CancellationToken.None));
        Assert.False(await b.RenewAsync(CancellationToken.None));
        Assert.True(await a.RenewAsync(CancellationToken.None));

        await a.ReleaseAsync(CancellationToken.None);
        Assert.True(await b.TryAcquireAsync(CancellationToken.None));
        Assert.False(await a.RenewAsync(CancellationToken.None));
        Assert.False(await a.TryAcquireAsync(CancellationToken.None));
    }

    [Fact]
    public async Task AHolderThatStopsRenewing_LosesTheBlobToTheOtherWithinTheLeasePeriod()
    {
        var blob = azurite.NewContainer().GetBlobClient("tick-bridge");
        var killed = new BlobSingletonLease(blob, TimeSpan.FromSeconds(15));
        Assert.True(await killed.TryAcquireAsync(CancellationToken.None) || await killed.TryAcquireAsync(CancellationToken.None));

        // The holder dies (no renewal, no release); a standby guard retries every second on the real clock.
        var running = 0;
        var standby = new SingletonLeaseRunner(new BlobSingletonLease(blob, TimeSpan.FromSeconds(15)), TimeProvider.System) { RetryInterval = TimeSpan.FromSeconds(1) };
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        var started = DateTime.UtcNow;
        var took = new TaskCompletionSource<TimeSpan>();
        var run = standby.RunAsync(
            async t =>
            {
                Interlocked.Increment(ref running);
                took.TrySetResult(DateTime.UtcNow - started);
                await Task.Delay(Timeout.Infinite, t).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            },
            stop.Token);

        var after = await took.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.InRange(after, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(18));
        Assert.False(await killed.RenewAsync(CancellationToken.None));
        await stop.CancelAsync();
        await run;
        Assert.Equal(1, running);
    }
}
