namespace MarketIntel.Pipeline.Trading;

/// <summary>
/// A paper-trading request that cannot be done, with the HTTP status it maps to (400 a bad field, 404 an unknown
/// account or order, 409 an illegal transition or a conflicting account), the field at fault and what was wrong.
/// </summary>
public sealed class PaperTradingException(int status, string field, string message) : Exception($"{field}: {message}")
{
    public int Status { get; } = status;

    public string Field { get; } = field;

    public string Detail { get; } = message;
}
