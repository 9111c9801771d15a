namespace MarketIntel.Core.Indicators.Streaming;

/// <summary>
/// The state of a streaming computation before and after the last bar: a new bar commits the current state, a
/// revision of the last bar restarts from the committed one. Keep it in a mutable field (never readonly).
/// </summary>
internal struct Revisable<T>
    where T : struct
{
    public T Prev;
    public T Cur;

    public void Begin(bool isNew)
    {
        if (isNew)
        {
            Prev = Cur;
        }
        else
        {
            Cur = Prev;
        }
    }
}
