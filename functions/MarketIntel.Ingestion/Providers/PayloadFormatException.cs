namespace MarketIntel.Ingestion.Providers;

/// <summary>
/// A payload (or one row of it) does not have the shape the provider documents. The message names the provider, the
/// field path (<c>[3][1] open</c>, <c>bars.AAPL[0].t</c>) and what was expected, so a changed format is found at once.
/// </summary>
public sealed class PayloadFormatException : FormatException
{
    public PayloadFormatException(string provider, string field, string problem)
        : base($"{provider} payload: field '{field}' {problem}.")
    {
        Provider = provider;
        Field = field;
    }

    public PayloadFormatException(string message) : base(message)
    {
    }

    public PayloadFormatException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public PayloadFormatException()
    {
    }

    public string? Provider { get; }

    /// <summary>The path of the offending field; empty for the payload as a whole.</summary>
    public string? Field { get; }
}
