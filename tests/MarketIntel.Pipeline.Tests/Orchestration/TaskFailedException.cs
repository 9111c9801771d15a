namespace MarketIntel.Pipeline.Tests.Orchestration;

/// <summary>An activity that failed after its last retry, as Durable surfaces it to the orchestration.</summary>
internal sealed class TaskFailedException(string activity, Exception inner) : Exception($"Activity '{activity}' failed: {inner.Message}", inner);
