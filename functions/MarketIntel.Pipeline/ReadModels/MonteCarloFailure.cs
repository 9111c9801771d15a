namespace MarketIntel.Pipeline.ReadModels;

/// <summary>The payload of a Monte Carlo report record whose run failed or was interrupted: why, and when it stopped.</summary>
public sealed record MonteCarloFailure(string Reason, DateTime FinishedUtc);
