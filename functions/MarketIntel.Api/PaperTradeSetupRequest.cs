namespace MarketIntel.Api;

/// <summary>The body of <c>POST /api/paper/accounts/{id}/setups</c>: which setup (the symbol's latest in the scan run, or in the latest run), and an optional client order id.</summary>
public sealed record PaperTradeSetupRequest(string? Symbol, string? Scan, string? ClientOrderId);
