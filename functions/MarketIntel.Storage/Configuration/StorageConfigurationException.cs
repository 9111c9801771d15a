namespace MarketIntel.Storage.Configuration;

/// <summary>A storage setting is missing or malformed; the message names the setting and what it accepts.</summary>
public sealed class StorageConfigurationException : Exception
{
    public StorageConfigurationException(string message) : base(message)
    {
    }

    public StorageConfigurationException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public StorageConfigurationException()
    {
    }
}
