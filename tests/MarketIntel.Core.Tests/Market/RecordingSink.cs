using MarketIntel.Core.Market;

namespace MarketIntel.Core.Tests.Market;

/// <summary>Keeps every bar the aggregator emits, in emission order.</summary>
internal sealed class RecordingSink : IBarSink
{
    public List<SymbolBar> Updated { get; } = [];

    public List<SymbolBar> Closed { get; } = [];

    public void OnBarUpdated(in SymbolBar bar) => Updated.Add(bar);

    public void OnBarClosed(in SymbolBar bar) => Closed.Add(bar);
}
