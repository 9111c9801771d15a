namespace MarketIntel.Ingestion.Streaming;

/// <summary>
/// A message of a batch that produced no accepted tick: its 0-based index in the batch, the reason (<c>malformed</c>,
/// <c>invalid</c>, <c>duplicate</c> or <c>late</c>, see <see cref="Providers.RejectReasons"/>) and what was wrong.
/// </summary>
public sealed record TickRejection(int Index, string Reason, string Detail);
