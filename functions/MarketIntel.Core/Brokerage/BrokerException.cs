namespace MarketIntel.Core.Brokerage;

/// <summary>
/// A broker call that did not do what was asked: its <see cref="Kind"/>, a reason code (<see cref="BrokerReasonCodes"/>),
/// the broker and the venue's HTTP status where there was one. Messages never carry credentials.
/// </summary>
public sealed class BrokerException(string broker, BrokerErrorKind kind, string reasonCode, string message, int? httpStatus = null, Exception? inner = null)
    : Exception($"{broker}: {reasonCode}: {message}", inner)
{
    public string Broker { get; } = broker;

    public BrokerErrorKind Kind { get; } = kind;

    public string ReasonCode { get; } = reasonCode;

    public int? HttpStatus { get; } = httpStatus;
}
