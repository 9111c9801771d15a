namespace MarketIntel.Pipeline.Engine;

/// <summary>
/// What a batch activity returns: a reference to the result it stored (deterministic, so a retried activity
/// overwrites nothing but itself) and how many items it holds. Results travel as references, not inline payloads,
/// which keeps orchestration histories small.
/// </summary>
public sealed record BatchResultRef(int BatchIndex, string Reference, long Items);
