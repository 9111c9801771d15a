namespace MarketIntel.Core.Storage;

/// <summary>
/// A stored artifact: its name, size, SHA-256 of the content, media type and the code version that wrote it.
/// <c>AlreadyExisted</c> is true when a put found the same content already stored and wrote nothing.
/// </summary>
public sealed record ArtifactEntry(string Name, long Length, string Sha256, string ContentType, string CodeVersion, bool AlreadyExisted = false);
