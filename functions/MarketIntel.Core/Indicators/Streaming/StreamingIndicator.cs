using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Streaming;

/// <summary>Base of the streaming indicators: counts bars and routes <see cref="Add"/>/<see cref="Revise"/> to one update.</summary>
public abstract class StreamingIndicator : IStreamingIndicator
{
    public abstract int WarmUpPeriod { get; }

    public int Count { get; private set; }

    public bool IsReady => !double.IsNaN(Output(0));

    /// <summary>Appends a bar; prices must be finite and positive (else <see cref="ArgumentException"/>, nothing changes).</summary>
    public void Add(in Bar bar)
    {
        Validate(bar);
        Count++;
        Update(bar, true);
    }

    public void Revise(in Bar bar)
    {
        if (Count == 0)
        {
            throw new InvalidOperationException("there is no bar to revise yet");
        }

        Validate(bar);
        Update(bar, false);
    }

    private static void Validate(in Bar bar)
    {
        if (!(bar.Open > 0 && bar.High > 0 && bar.Low > 0 && bar.Close > 0) || double.IsInfinity(bar.Open + bar.High + bar.Low + bar.Close) || bar.Volume < 0)
        {
            throw new ArgumentException($"bar {bar.OpenTime:O}: prices must be finite and positive and volume non-negative", nameof(bar));
        }
    }

    public abstract double Output(int column);

    /// <summary>Applies a new bar (<paramref name="isNew"/>) or a revision of the last one.</summary>
    protected abstract void Update(in Bar bar, bool isNew);
}
