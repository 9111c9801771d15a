namespace MarketIntel.Ingestion.Streaming;

/// <summary>
/// What one Event Hub batch did. Every message is counted exactly once: <see cref="Accepted"/>, or one of
/// <see cref="Rejections"/>. <see cref="ArchiveKey"/> is the raw archive key of the batch as received (the same key when
/// the same batch is re-delivered); <see cref="RejectionsArchiveKey"/> that of its malformed and invalid messages with
/// their reasons (null when there were none); <see cref="BarsWritten"/> counts every bar the batch touched, re-written
/// from its merged stored state.
/// </summary>
public sealed record TickBatchResult(
    string ArchiveKey,
    int Messages,
    int Accepted,
    IReadOnlyList<TickRejection> Rejections,
    int BarsWritten,
    string? RejectionsArchiveKey)
{
    public int Count(string reason) => Rejections.Count(r => r.Reason == reason);
}
