namespace MarketIntel.Ingestion.Providers;

/// <summary>
/// A provider answered with an error that retrying did not cure (bad symbol, bad key, still throttled). The message
/// carries the provider's own error text, parsed from its documented error body.
/// </summary>
public sealed class ProviderRequestException : Exception
{
    public ProviderRequestException(string provider, int statusCode, string providerMessage, string? archiveKey)
        : base($"{provider} answered HTTP {statusCode}: {providerMessage}")
    {
        Provider = provider;
        StatusCode = statusCode;
        ProviderMessage = providerMessage;
        ArchiveKey = archiveKey;
    }

    public ProviderRequestException(string message) : base(message)
    {
    }

    public ProviderRequestException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public ProviderRequestException()
    {
    }

    public string? Provider { get; }

    public int StatusCode { get; }

    public string? ProviderMessage { get; }

    public string? ArchiveKey { get; }
}
