using MarketIntel.Pipeline.Trading;

namespace MarketIntel.Api;

/// <summary>The body of <c>POST /api/paper/accounts</c>: the account's id (the retry key) and its settings.</summary>
public sealed record PaperAccountRequest(string? Id, PaperAccountSettings? Settings);
