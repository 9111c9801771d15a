using MarketIntel.Pipeline.Trading;

namespace MarketIntel.Api;

/// <summary>A paper order's state change (accepted, filled, canceled ...), once its journal entry is committed.</summary>
public sealed record OrderStreamEvent(string Account, string Symbol, string OrderId, PaperOrderEventView Change) : StreamEvent
{
    public const string Name = "order";
}
