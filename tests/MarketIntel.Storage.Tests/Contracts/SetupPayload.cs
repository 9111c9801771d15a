namespace MarketIntel.Storage.Tests.Contracts;

/// <summary>A payload shaped like a later capability's result (a ranked setup).</summary>
public sealed record SetupPayload(string Symbol, int Rank, double Score, IReadOnlyList<string> Tags, decimal EntryPrice);
