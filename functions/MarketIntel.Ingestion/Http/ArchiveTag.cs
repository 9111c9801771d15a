namespace MarketIntel.Ingestion.Http;

/// <summary>Marks a request whose response the <see cref="RawArchiveHandler"/> must archive, and under which provider and dataset.</summary>
public sealed record ArchiveTag(string Provider, string Dataset);
