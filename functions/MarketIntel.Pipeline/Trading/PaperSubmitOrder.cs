using MarketIntel.Core.Trading;

namespace MarketIntel.Pipeline.Trading;

/// <summary>An order submitted while the symbol's last price was <paramref name="Market"/>.</summary>
public sealed record PaperSubmitOrder(DateTime Time, OrderRequest Request, double Market) : PaperCommand(Time);
