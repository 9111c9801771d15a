namespace MarketIntel.Core.Feeds;

/// <summary>
/// A bounded in-process publish/subscribe: every published event gets the next id and is kept in a replay ring of
/// <see cref="LiveFeedOptions.ReplayCapacity"/> events; each subscriber has a buffer of
/// <see cref="LiveFeedOptions.SubscriberCapacity"/> events of its own.
/// </summary>
/// <remarks>
/// <para>Publishing never waits for a subscriber: it offers the event to each buffer, and a subscriber whose buffer is
/// full is dropped on the spot (its reader completes after what it already holds; <see cref="DroppedSubscribers"/>
/// counts it). A dropped subscriber that comes back with its last id resumes from the ring, so a slow reader costs
/// itself a reconnect, never the publisher a delay.</para>
/// <para>Ids, ring and subscriber list change under one short lock, so every subscriber sees events in id order, and a
/// subscription's replay and its live events meet without a gap or a repeat.</para>
/// </remarks>
public sealed class LiveFeed<T>
{
    private readonly Lock _gate = new();
    private readonly LiveFeedEvent<T>[] _ring;
    private readonly int _subscriberCapacity;
    private readonly List<LiveFeedSubscription<T>> _subscribers = [];
    private long _lastId;
    private long _dropped;

    public LiveFeed(LiveFeedOptions? options = null)
    {
        options ??= new LiveFeedOptions();
        options.Validate();
        _ring = new LiveFeedEvent<T>[options.ReplayCapacity];
        _subscriberCapacity = options.SubscriberCapacity;
    }

    /// <summary>The id of the newest event (0 before the first).</summary>
    public long LastId
    {
        get
        {
            lock (_gate)
            {
                return _lastId;
            }
        }
    }

    /// <summary>The id of the oldest event still in the replay ring (1 until the ring wraps; LastId + 1 when empty).</summary>
    public long OldestRetainedId
    {
        get
        {
            lock (_gate)
            {
                return Math.Max(1, _lastId - _ring.Length + 1);
            }
        }
    }

    public int Subscribers
    {
        get
        {
            lock (_gate)
            {
                return _subscribers.Count;
            }
        }
    }

    /// <summary>Subscribers dropped because their buffer was full, since the feed was created.</summary>
    public long DroppedSubscribers => Interlocked.Read(ref _dropped);

    /// <summary>Publishes <paramref name="payload"/> to every subscriber whose filter takes it; never waits. Returns its id.</summary>
    public long Publish(T payload)
    {
        lock (_gate)
        {
            var item = new LiveFeedEvent<T>(++_lastId, payload);
            _ring[(int)((item.Id - 1) % _ring.Length)] = item;
            for (var i = _subscribers.Count - 1; i >= 0; i--)
            {
                var subscriber = _subscribers[i];
                if (subscriber.Filter(payload) && !subscriber.TryOffer(item))
                {
                    _subscribers.RemoveAt(i);
                    subscriber.MarkDropped();
                    Interlocked.Increment(ref _dropped);
                }
            }

            return item.Id;
        }
    }

    /// <summary>
    /// Subscribes to the events that pass <paramref name="filter"/> (all when null). With <paramref name="resumeAfter"/>,
    /// the retained events after that id come first in <see cref="LiveFeedSubscription{T}.Replay"/>; an id older than
    /// the ring, or newer than any event, sets <see cref="LiveFeedSubscription{T}.Reset"/> instead.
    /// </summary>
    public LiveFeedSubscription<T> Subscribe(Func<T, bool>? filter = null, long? resumeAfter = null)
    {
        var subscription = new LiveFeedSubscription<T>(_subscriberCapacity, filter ?? (static _ => true), Unsubscribe);
        lock (_gate)
        {
            if (resumeAfter is { } after)
            {
                var oldest = Math.Max(1, _lastId - _ring.Length + 1);
                if (after < oldest - 1 || after > _lastId)
                {
                    subscription.Reset = true;
                }
                else
                {
                    var replay = new List<LiveFeedEvent<T>>();
                    for (var id = after + 1; id <= _lastId; id++)
                    {
                        var item = _ring[(int)((id - 1) % _ring.Length)];
                        if (subscription.Filter(item.Payload))
                        {
                            replay.Add(item);
                        }
                    }

                    subscription.Replay = replay;
                }
            }

            subscription.After = _lastId;
            _subscribers.Add(subscription);
        }

        return subscription;
    }

    private void Unsubscribe(LiveFeedSubscription<T> subscription)
    {
        lock (_gate)
        {
            _subscribers.Remove(subscription);
        }
    }
}
