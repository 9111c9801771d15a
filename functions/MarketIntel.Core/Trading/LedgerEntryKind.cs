namespace MarketIntel.Core.Trading;

/// <summary>Why cash moved: the starting deposit, a fill's traded amount, or a fill's commission.</summary>
public enum LedgerEntryKind
{
    Deposit,
    Trade,
    Commission,
}
