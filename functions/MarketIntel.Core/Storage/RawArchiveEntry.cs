namespace MarketIntel.Core.Storage;

/// <summary>
/// An archived payload's key and metadata. <c>Key</c> is <c>provider/yyyy/MM/dd/dataset/sha256.ext</c> (the blob name
/// or relative file path); <c>AlreadyExisted</c> is true when this put found an earlier copy (a retry) and wrote nothing.
/// </summary>
public sealed record RawArchiveEntry(
    string Key,
    string Provider,
    string Dataset,
    DateTimeOffset ReceivedAt,
    long Length,
    string Sha256,
    string ContentType,
    string RequestKey,
    string CodeVersion,
    bool AlreadyExisted = false);
