namespace MarketIntel.Core.Storage;

/// <summary>Where stored bars came from: the provider or process, the code version, and the raw archive entry parsed.</summary>
public sealed record BarProvenance(string Source, string CodeVersion, string? RawArchiveKey = null);
