using MarketIntel.Core.Market;

namespace MarketIntel.Core.Indicators.Streaming;

/// <summary>
/// An indicator fed one bar at a time. <see cref="Add"/> appends a new bar; <see cref="Revise"/> replaces the last
/// bar (a live bar changes until it closes) and gives exactly what a fresh run over the revised series would give.
/// Outputs are read by column index in the order of the catalog's outputs; NaN means no value yet.
/// </summary>
public interface IStreamingIndicator
{
    /// <summary>Bars needed before the first output has a value.</summary>
    int WarmUpPeriod { get; }

    /// <summary>Bars added so far.</summary>
    int Count { get; }

    bool IsReady { get; }

    void Add(in Bar bar);

    void Revise(in Bar bar);

    /// <summary>The current value of output <paramref name="column"/> (NaN while warming up).</summary>
    double Output(int column);
}
