namespace MarketIntel.Ingestion.Providers;

/// <summary>A whole payload could not be parsed. It is in the raw archive under <see cref="ArchiveKey"/>; the reason says why.</summary>
public sealed class PayloadRejectedException : Exception
{
    public PayloadRejectedException(string provider, string? archiveKey, PayloadFormatException reason)
        : base($"{reason.Message} (archived as {archiveKey ?? "nothing"})", reason)
    {
        Provider = provider;
        ArchiveKey = archiveKey;
        Field = reason.Field;
    }

    public PayloadRejectedException(string message) : base(message)
    {
    }

    public PayloadRejectedException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public PayloadRejectedException()
    {
    }

    public string? Provider { get; }

    public string? ArchiveKey { get; }

    public string? Field { get; }
}
