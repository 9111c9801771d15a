namespace MarketIntel.Pipeline.Tests.Orchestration;

/// <summary>
/// One scheduled call in an orchestration's history, as Durable records it: what was called, with what, and what came
/// back (<see cref="Result"/>), or for a failed call, the failure's message (Durable keeps it, so a replay sees the same one).
/// </summary>
internal sealed record HistoryEvent(int Sequence, string Kind, string Name, string InstanceId, string Input, string? Result, int Attempts, string? Failure = null);
