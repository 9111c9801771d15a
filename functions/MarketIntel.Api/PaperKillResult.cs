using MarketIntel.Pipeline.Trading;

namespace MarketIntel.Api;

/// <summary>The account after the kill switch, and the market orders it placed to flatten.</summary>
public sealed record PaperKillResult(PaperAccountView Account, IReadOnlyList<PaperOrderView> FlattenOrders);
