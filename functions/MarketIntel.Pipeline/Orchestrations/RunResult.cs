namespace MarketIntel.Pipeline.Orchestrations;

/// <summary>What a completed run produced: a reference to its stored report and a count of items in it.</summary>
public sealed record RunResult(string RunId, string Reference, long Items);
