namespace MarketIntel.Core.Scanning;

/// <summary>
/// A strategy that cannot be built as asked: <see cref="Field"/> names the request's field (<c>strategy</c> or
/// <c>parameters</c>) and the message says what is valid, so callers report it without reading the text.
/// </summary>
public sealed class StrategyException : ArgumentException
{
    public StrategyException(string field, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Field = field;
    }

    public StrategyException()
        : this("strategy", "invalid strategy")
    {
    }

    public StrategyException(string message)
        : this("strategy", message)
    {
    }

    public StrategyException(string message, Exception innerException)
        : this("strategy", message, innerException)
    {
    }

    /// <summary>The request field at fault: <c>strategy</c> or <c>parameters</c>.</summary>
    public string Field { get; }
}
