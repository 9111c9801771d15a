namespace MarketIntel.Api;

/// <summary>The body of <c>POST /api/paper/accounts/{id}/kill</c>: <c>block_entries</c>, <c>cancel_all</c> or <c>flatten_all</c>.</summary>
public sealed record PaperKillRequest(string? Level);
