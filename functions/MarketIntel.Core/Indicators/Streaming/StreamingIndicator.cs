using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Streaming;

/// <summary>Base of the streaming indicators: counts bars and routes <see cref="Add"/>/<see cref="Revise"/> to one update.</summary>
public abstract class StreamingIndicator : IStreamingIndicator
{
    public abstract int WarmUpPeriod { get; }

    public int Count { get; private set; }

    public bool IsReady => !double.IsNaN(Output(0));

    public void Add(in Bar bar)
    {
        Count++;
        Update(bar, true);
    }

    public void Revise(in Bar bar)
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("there is no bar to revise yet");
        }

        Update(bar, false);
    }

    public abstract double Output(int column);

    /// <summary>Applies a new bar (<paramref name="isNew"/>) or a revision of the last one.</summary>
    protected abstract void Update(in Bar bar, bool isNew);
}
