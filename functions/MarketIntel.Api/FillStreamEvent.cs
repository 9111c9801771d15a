using MarketIntel.Pipeline.Trading;

namespace MarketIntel.Api;

/// <summary>A paper execution, once its journal entry is committed.</summary>
public sealed record FillStreamEvent(string Account, PaperFillView Fill) : StreamEvent
{
    public const string Name = "fill";
}
