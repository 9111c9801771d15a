namespace MarketIntel.Core.Brokerage;

/// <summary>A pre-flight verdict: accepted, or refused with a reason code (<see cref="BrokerReasonCodes"/>) and why.</summary>
public sealed record BrokerPreflight(bool Accepted, string? ReasonCode = null, string? Message = null)
{
    public static BrokerPreflight Pass { get; } = new(true);

    public static BrokerPreflight Of((string Code, string Message)? refusal) => refusal is { } r ? new BrokerPreflight(false, r.Code, r.Message) : Pass;
}
