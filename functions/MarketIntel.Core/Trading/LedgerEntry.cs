namespace MarketIntel.Core.Trading;

/// <summary>One cash movement (signed: money in is positive). The sum of an account's entries is its cash.</summary>
public sealed record LedgerEntry(DateTime Time, LedgerEntryKind Kind, double Amount, string? OrderId, string? Symbol);
