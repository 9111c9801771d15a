using System.Threading.Channels;

namespace MarketIntel.Core.Feeds;

/// <summary>
/// One subscriber of a <see cref="LiveFeed{T}"/>: first the <see cref="Replay"/> (the retained events after the id it
/// resumed from), then <see cref="Reader"/> from the next event on, with no gap and no repeat between the two. The
/// reader completes when the subscriber is dropped for falling behind (<see cref="Dropped"/>) or disposed; whatever was
/// buffered before the drop is still read.
/// </summary>
public sealed class LiveFeedSubscription<T> : IDisposable
{
    private readonly Channel<LiveFeedEvent<T>> _channel;
    private readonly Action<LiveFeedSubscription<T>> _unsubscribe;
    private int _dropped;

    internal LiveFeedSubscription(int capacity, Func<T, bool> filter, Action<LiveFeedSubscription<T>> unsubscribe)
    {
        // Wait mode only so that TryWrite reports a full buffer (the feed then drops the subscriber); nobody ever waits.
        _channel = Channel.CreateBounded<LiveFeedEvent<T>>(new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true, SingleWriter = true });
        Filter = filter;
        _unsubscribe = unsubscribe;
    }

    /// <summary>
    /// True when the id asked to resume from is no longer (or never was) in the feed's history: events may have been
    /// missed, so the subscriber should reload its state. <see cref="Replay"/> is then empty.
    /// </summary>
    public bool Reset { get; internal set; }

    /// <summary>
    /// The feed's newest id when the subscription began: <see cref="Replay"/> ends at or before it and
    /// <see cref="Reader"/> starts after it, so a client that has seen the replay has seen everything up to this id.
    /// </summary>
    public long After { get; internal set; }

    /// <summary>The retained events after the resumption id that pass the filter, oldest first.</summary>
    public IReadOnlyList<LiveFeedEvent<T>> Replay { get; internal set; } = [];

    public ChannelReader<LiveFeedEvent<T>> Reader => _channel.Reader;

    /// <summary>True once the feed dropped this subscriber because its buffer was full.</summary>
    public bool Dropped => Volatile.Read(ref _dropped) != 0;

    internal Func<T, bool> Filter { get; }

    /// <summary>Offers an event without waiting; false when the buffer is full (the caller then drops this subscriber).</summary>
    internal bool TryOffer(LiveFeedEvent<T> item) => _channel.Writer.TryWrite(item);

    internal void MarkDropped()
    {
        Volatile.Write(ref _dropped, 1);
        _channel.Writer.TryComplete();
    }

    public void Dispose()
    {
        _unsubscribe(this);
        _channel.Writer.TryComplete();
    }
}
