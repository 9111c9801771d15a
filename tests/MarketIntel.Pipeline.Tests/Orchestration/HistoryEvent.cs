namespace MarketIntel.Pipeline.Tests.Orchestration;

/// <summary>One scheduled call in an orchestration's history, as Durable records it: what was called, with what, and what came back.</summary>
internal sealed record HistoryEvent(int Sequence, string Kind, string Name, string InstanceId, string Input, string? Result, int Attempts);
