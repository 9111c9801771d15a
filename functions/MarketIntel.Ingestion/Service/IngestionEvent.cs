namespace MarketIntel.Ingestion.Service;

/// <summary>A system event of the ingestion (stored as <see cref="Core.Storage.RecordKinds.SystemEvent"/>).</summary>
/// <param name="Type">One of <see cref="IngestionEventTypes"/>.</param>
/// <param name="Severity"><c>info</c>, <c>warning</c> or <c>error</c>.</param>
/// <param name="Provider">The provider concerned.</param>
/// <param name="Symbol">The canonical symbol, when the event concerns one series.</param>
/// <param name="Timeframe">The timeframe, when the event concerns bars.</param>
/// <param name="Message">What happened, in a sentence.</param>
/// <param name="ArchiveKey">The raw archive key of the payload concerned.</param>
/// <param name="Counts">Counts by reason or kind.</param>
/// <param name="Details">A few examples (field, value, time).</param>
public sealed record IngestionEvent(
    string Type,
    string Severity,
    string Provider,
    string? Symbol,
    string? Timeframe,
    string Message,
    string? ArchiveKey = null,
    IReadOnlyDictionary<string, long>? Counts = null,
    IReadOnlyList<string>? Details = null);
