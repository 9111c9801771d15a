using MarketIntel.Pipeline.Workflows;

namespace MarketIntel.Api;

/// <summary>A pipeline run whose status just changed, as <c>GET /api/runs</c> lists it.</summary>
public sealed record RunStreamEvent(RunRecord Run) : StreamEvent
{
    public const string Name = "run";
}
