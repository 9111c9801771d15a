namespace MarketIntel.Core.Storage;

/// <summary>An archived payload with its content.</summary>
public sealed record RawArchiveItem(RawArchiveEntry Entry, ReadOnlyMemory<byte> Content);
