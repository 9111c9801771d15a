namespace MarketIntel.Brokers.Tests.Shared;

/// <summary>What happens to the fake's answer to one submit.</summary>
public enum SubmitFault
{
    None,

    /// <summary>The order is accepted and the connection is cut before the answer.</summary>
    LoseAnswer,

    /// <summary>The order is accepted and the answer is held for 5 s (longer than the client waits).</summary>
    DelayAnswer,

    /// <summary>503 before the order is created.</summary>
    FailBeforeAccepting,
}
