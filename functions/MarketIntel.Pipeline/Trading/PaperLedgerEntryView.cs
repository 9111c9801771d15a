namespace MarketIntel.Pipeline.Trading;

/// <summary>One cash movement and the balance after it; the last balance is the account's cash.</summary>
public sealed record PaperLedgerEntryView(DateTime Time, string Kind, double Amount, double Balance, string? OrderId, string? Symbol);
