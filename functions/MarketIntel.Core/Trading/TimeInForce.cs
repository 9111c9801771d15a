namespace MarketIntel.Core.Trading;

/// <summary>
/// How long an order works: <see cref="Day"/> until the end of its first eligible session, <see cref="Gtc"/> until
/// filled or canceled, <see cref="Ioc"/> for its first eligible bar only (the remainder is canceled).
/// </summary>
public enum TimeInForce
{
    Day,
    Gtc,
    Ioc,
}
