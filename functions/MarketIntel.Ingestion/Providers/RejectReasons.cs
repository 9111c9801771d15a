namespace MarketIntel.Ingestion.Providers;

/// <summary>Rejection reasons, used as metric keys and in system events.</summary>
public static class RejectReasons
{
    /// <summary>The payload or row is not in the provider's documented format (the detail names the field).</summary>
    public const string Malformed = "malformed";

    /// <summary>Well-formed but impossible values (non-positive price, high below low, negative volume).</summary>
    public const string Invalid = "invalid";

    /// <summary>The same bar or trade again.</summary>
    public const string Duplicate = "duplicate";

    /// <summary>A bar outside the requested range (providers may return neighbours).</summary>
    public const string OutOfRange = "out-of-range";

    /// <summary>A bar whose open time is not on the timeframe's grid.</summary>
    public const string Misaligned = "misaligned";

    /// <summary>A trade too late for its bar.</summary>
    public const string Late = "late";

    /// <summary>
    /// A stream trade with a text id whose bar already holds as many text ids as it can keep to recognise re-deliveries
    /// (<c>TickBatchOptions.MaxTextIdsPerBar</c>); refused rather than risk counting it twice. Numeric ids have no such limit.
    /// </summary>
    public const string Overflow = "overflow";

    /// <summary>A trade or bar of a symbol that was not asked for.</summary>
    public const string UnknownSymbol = "unknown-symbol";

    /// <summary>An error body from the provider (HTTP status or in-band error message).</summary>
    public const string ProviderError = "provider-error";
}
