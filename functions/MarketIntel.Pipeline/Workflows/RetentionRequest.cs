namespace MarketIntel.Pipeline.Workflows;

/// <summary>Delete the raw archive days of these providers that ended before <see cref="CutoffUtc"/>, looking back <see cref="Days"/> days.</summary>
public sealed record RetentionRequest(string RunId, IReadOnlyList<string> Providers, DateTime CutoffUtc, int Days);
