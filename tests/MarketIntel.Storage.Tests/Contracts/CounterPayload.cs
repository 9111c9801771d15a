namespace MarketIntel.Storage.Tests.Contracts;

/// <summary>A payload concurrent writers increment, to prove that no update is lost.</summary>
public sealed record CounterPayload(int Value, IReadOnlyList<int> Writers);
