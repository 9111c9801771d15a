namespace MarketIntel.Ingestion.Tests.Fakes;

/// <summary>What the fake provider does to one request.</summary>
public enum ServerFault
{
    None,
    TooManyRequests,
    ServerError,
    InvalidSymbol,
    Hang,
    Truncate,
    MalformedJson,
    ReorderAndDuplicate,
}
