using MarketIntel.Pipeline.Trading;
using MarketIntel.Pipeline.Workflows;

namespace MarketIntel.Pipeline.Ports;

/// <summary>
/// Told of what the pipeline has just committed: a run record that moved to another status, a paper order's state
/// change and a paper fill (after its journal entry is written). Called on the committing path, so an implementation
/// returns at once and never throws; the live stream's feed is the one implementation.
/// </summary>
public interface IPipelineNotifications
{
    void RunChanged(RunRecord run);

    void PaperOrderChanged(string account, string symbol, string orderId, PaperOrderEventView change);

    void PaperFilled(string account, PaperFillView fill);
}
