namespace MarketIntel.Pipeline.Tests.Orchestration;

internal sealed class NonDeterminismException(string message) : Exception(message);
