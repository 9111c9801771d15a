using MarketIntel.Pipeline.Workflows;

namespace MarketIntel.Pipeline.Application;

/// <summary>A run a use case started, or found already running or completed under the same id.</summary>
public sealed record RunStarted(string Id, RunStatus Status);
