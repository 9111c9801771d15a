namespace MarketIntel.Pipeline.Trading;

/// <summary>A person's cancel of one working order.</summary>
public sealed record PaperCancelOrder(DateTime Time, string ClientOrderId) : PaperCommand(Time);
