using MarketIntel.Core.Feeds;

namespace MarketIntel.Core.Tests.Feeds;

/// <summary>
/// The feed's laws, checked against a plain list of everything published (the reference): every subscriber reads
/// exactly the published events its filter takes, in id order; a resumption replays exactly the retained ones after
/// its id; an id the ring no longer holds is a reset; a full buffer drops its subscriber and never the publisher.
/// </summary>
public sealed class LiveFeedTests
{
    private static List<LiveFeedEvent<int>> Drain(LiveFeedSubscription<int> subscription)
    {
        var read = new List<LiveFeedEvent<int>>();
        while (subscription.Reader.TryRead(out var item))
        {
            read.Add(item);
        }

        return read;
    }

    [Fact]
    public void Subscribers_ReadEveryEventTheirFilterTakes_InPublicationOrder_WithIdsOneTwoThree()
    {
        var feed = new LiveFeed<int>(new LiveFeedOptions { ReplayCapacity = 8, SubscriberCapacity = 100 });
        using var all = feed.Subscribe();
        using var even = feed.Subscribe(x => x % 2 == 0);
        var published = new List<LiveFeedEvent<int>>();
        var random = new Random(5);
        for (var i = 0; i < 60; i++)
        {
            var value = random.Next(1000);
            published.Add(new LiveFeedEvent<int>(feed.Publish(value), value));
        }

        Assert.Equal(Enumerable.Range(1, 60).Select(i => (long)i), published.Select(e => e.Id));
        Assert.Equal(published, Drain(all));
        Assert.Equal(published.Where(e => e.Payload % 2 == 0), Drain(even));
        Assert.Equal(60, feed.LastId);
    }

    [Fact]
    public void ASubscriberStartsAfterTheNewestEvent_WhenItDoesNotResume()
    {
        var feed = new LiveFeed<int>();
        feed.Publish(1);
        feed.Publish(2);
        using var late = feed.Subscribe();
        feed.Publish(3);

        Assert.Equal(2, late.After);
        Assert.Empty(late.Replay);
        Assert.False(late.Reset);
        Assert.Equal([new LiveFeedEvent<int>(3, 3)], Drain(late));
    }

    [Fact]
    public void Resuming_ReplaysExactlyTheRetainedEventsAfterTheId_ThenLiveOnes_WithoutGapOrRepeat()
    {
        const int capacity = 16;
        var feed = new LiveFeed<int>(new LiveFeedOptions { ReplayCapacity = capacity, SubscriberCapacity = 100 });
        var published = new List<LiveFeedEvent<int>>();
        for (var i = 0; i < 40; i++)
        {
            published.Add(new LiveFeedEvent<int>(feed.Publish(i * 7), i * 7));
        }

        // Every id the ring can still continue from: the one just before the oldest retained event up to the newest.
        for (long after = 40 - capacity; after <= 40; after++)
        {
            using var resumed = feed.Subscribe(x => x % 3 != 0, after);
            Assert.False(resumed.Reset, $"after {after}");
            Assert.Equal(published.Where(e => e.Id > after && e.Payload % 3 != 0), resumed.Replay);
        }

        using var subscriber = feed.Subscribe(null, 30);
        var next = feed.Publish(1000);
        Assert.Equal(published.Where(e => e.Id > 30).Append(new LiveFeedEvent<int>(next, 1000)), subscriber.Replay.Concat(Drain(subscriber)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(23)]
    [InlineData(41)]
    [InlineData(-5)]
    public void ResumingFromAnIdTheRingNoLongerHolds_OrNeverHeld_IsAReset(long after)
    {
        var feed = new LiveFeed<int>(new LiveFeedOptions { ReplayCapacity = 16, SubscriberCapacity = 100 });
        for (var i = 0; i < 40; i++)
        {
            feed.Publish(i);
        }

        // 40 published, 16 kept: ids 25..40 remain, so 24 is the oldest id to continue from.
        using var subscription = feed.Subscribe(null, after);
        Assert.True(subscription.Reset);
        Assert.Empty(subscription.Replay);
        Assert.Equal(40, subscription.After);
        feed.Publish(99);
        Assert.Equal([new LiveFeedEvent<int>(41, 99)], Drain(subscription));
    }

    [Fact]
    public void ResumingOnAnEmptyFeed_FromZero_IsNoReset()
    {
        var feed = new LiveFeed<int>();
        using var subscription = feed.Subscribe(null, 0);
        Assert.False(subscription.Reset);
        Assert.Empty(subscription.Replay);
    }

    [Fact]
    public void ASubscriberThatDoesNotRead_IsDroppedWhenItsBufferIsFull_WhileThePublisherAndOthersCarryOn()
    {
        const int buffer = 5;
        var feed = new LiveFeed<int>(new LiveFeedOptions { ReplayCapacity = 100, SubscriberCapacity = buffer });
        using var slow = feed.Subscribe();
        using var reader = feed.Subscribe();
        var readByTheReader = new List<LiveFeedEvent<int>>();

        // Publish returns synchronously (there is nothing it could wait on), so every call completing is the proof that a
        // stalled subscriber never holds the publisher up.
        for (var i = 1; i <= 1000; i++)
        {
            Assert.Equal(i, feed.Publish(i));
            readByTheReader.AddRange(Drain(reader));
        }

        Assert.True(slow.Dropped);
        Assert.False(reader.Dropped);
        Assert.Equal(1, feed.DroppedSubscribers);
        Assert.Equal(1, feed.Subscribers);

        // The dropped one keeps what it had buffered (events 1..5), then its reader is complete.
        Assert.Equal(Enumerable.Range(1, buffer).Select(i => new LiveFeedEvent<int>(i, i)), Drain(slow));
        Assert.True(slow.Reader.Completion.IsCompleted);
        Assert.Equal(Enumerable.Range(1, 1000).Select(i => new LiveFeedEvent<int>(i, i)), readByTheReader);
    }

    [Fact]
    public void ASubscriberIsDroppedOnlyForEventsItsFilterTakes()
    {
        var feed = new LiveFeed<int>(new LiveFeedOptions { ReplayCapacity = 10, SubscriberCapacity = 2 });
        using var rare = feed.Subscribe(x => x == 7);
        for (var i = 0; i < 100; i++)
        {
            feed.Publish(i % 7 == 0 && i > 0 ? 8 : i == 50 ? 7 : 1);
        }

        Assert.False(rare.Dropped);
        Assert.Single(Drain(rare));
    }

    [Fact]
    public void ADisposedSubscription_NoLongerReceives_AndIsNotCountedAsDropped()
    {
        var feed = new LiveFeed<int>(new LiveFeedOptions { ReplayCapacity = 10, SubscriberCapacity = 1 });
        var subscription = feed.Subscribe();
        subscription.Dispose();
        feed.Publish(1);
        feed.Publish(2);

        Assert.Equal(0, feed.Subscribers);
        Assert.Equal(0, feed.DroppedSubscribers);
        Assert.False(subscription.Dropped);
    }

    [Fact]
    public async Task ConcurrentPublishers_EachSubscriberStillSeesStrictlyIncreasingIds_AndEveryEventOnce()
    {
        var feed = new LiveFeed<int>(new LiveFeedOptions { ReplayCapacity = 100, SubscriberCapacity = 100_000 });
        using var subscription = feed.Subscribe();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                feed.Publish((t * 10_000) + i);
            }
        })));

        var read = Drain(subscription);
        Assert.Equal(Enumerable.Range(1, 40_000).Select(i => (long)i), read.Select(e => e.Id));
        Assert.Equal(Enumerable.Range(0, 40_000), read.Select(e => e.Payload).Order());
    }
}
