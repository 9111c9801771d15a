namespace MarketIntel.Core.Storage;

/// <summary>A record a store refuses before writing anything: the message names the record and the offending field.</summary>
public sealed class InvalidRecordException : ArgumentException
{
    public InvalidRecordException(string message) : base(message)
    {
    }

    public InvalidRecordException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public InvalidRecordException()
    {
    }
}
