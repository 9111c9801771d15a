namespace MarketIntel.Ingestion.Providers;

/// <summary>A bar (or row) dropped from a page: why (<see cref="RejectReasons"/>) and the details (field, value).</summary>
public sealed record BarRejection(string Reason, string Detail, DateTime? OpenTime = null);
