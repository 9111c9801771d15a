using System.Globalization;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Configuration;

namespace MarketIntel.Storage.Configuration;

/// <summary>
/// The storage settings, read and checked at start-up so that a bad value fails with the setting's name rather
/// than deep inside a request. See <see cref="Keys"/> for every name.
/// </summary>
public sealed record StorageSettings
{
    public StorageProvider Provider { get; init; } = StorageProvider.Embedded;

    public string DataPath { get; init; } = DefaultDataPath;

    public Uri? CosmosEndpoint { get; init; }

    public string CosmosDatabase { get; init; } = DefaultDatabase;

    public ConnectionMode CosmosConnectionMode { get; init; } = ConnectionMode.Direct;

    public string? CosmosKey { get; init; }

    public bool CosmosCreateIfNotExists { get; init; }

    public bool CosmosLimitToEndpoint { get; init; }

    public bool CosmosAcceptEmulatorCertificate { get; init; }

    public int CosmosMaxParallelWrites { get; init; } = 16;

    public Uri? BlobServiceUri { get; init; }

    public string? BlobConnectionString { get; init; }

    public string RawArchiveContainer { get; init; } = DefaultRawArchiveContainer;

    public string ArtifactsContainer { get; init; } = DefaultArtifactsContainer;

    public bool BlobCreateIfNotExists { get; init; } = true;

    public Uri? TablesServiceUri { get; init; }

    public string? TablesConnectionString { get; init; }

    public string TablesPrefix { get; init; } = DefaultTablesPrefix;

    public bool TablesCreateIfNotExists { get; init; } = true;

    public int TablesMaxParallelWrites { get; init; } = 8;

    public const string DefaultDataPath = ".data";
    public const string DefaultDatabase = "marketintel";
    public const string DefaultRawArchiveContainer = "raw-archive";
    public const string DefaultArtifactsContainer = "artifacts";
    public const string DefaultTablesPrefix = "marketintel";

    /// <summary>Every configuration key the storage reads.</summary>
    public static class Keys
    {
        public const string Provider = "Storage:Provider";
        public const string DataPath = "Storage:DataPath";
        public const string CosmosEndpoint = "CosmosDb:Endpoint";
        public const string CosmosDatabase = "CosmosDb:Database";
        public const string CosmosConnectionMode = "CosmosDb:ConnectionMode";
        public const string CosmosKey = "CosmosDb:Key";
        public const string CosmosCreateIfNotExists = "CosmosDb:CreateIfNotExists";
        public const string CosmosLimitToEndpoint = "CosmosDb:LimitToEndpoint";
        public const string CosmosAcceptEmulatorCertificate = "CosmosDb:AcceptEmulatorCertificate";
        public const string CosmosMaxParallelWrites = "CosmosDb:MaxParallelWrites";
        public const string BlobServiceUri = "BlobStorage:ServiceUri";
        public const string BlobConnectionString = "BlobStorage:ConnectionString";
        public const string RawArchiveContainer = "BlobStorage:RawArchiveContainer";
        public const string ArtifactsContainer = "BlobStorage:ArtifactsContainer";
        public const string BlobCreateIfNotExists = "BlobStorage:CreateIfNotExists";
        public const string TablesServiceUri = "Tables:ServiceUri";
        public const string TablesConnectionString = "Tables:ConnectionString";
        public const string TablesPrefix = "Tables:TablePrefix";
        public const string TablesCreateIfNotExists = "Tables:CreateIfNotExists";
        public const string TablesMaxParallelWrites = "Tables:MaxParallelWrites";
    }

    /// <exception cref="StorageConfigurationException">A setting is missing or malformed.</exception>
    public static StorageSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var provider = Enum<StorageProvider>(configuration, Keys.Provider, StorageProvider.Embedded);
        var settings = new StorageSettings
        {
            Provider = provider,
            DataPath = Text(configuration, Keys.DataPath) ?? DefaultDataPath,
            CosmosEndpoint = AbsoluteUri(configuration, Keys.CosmosEndpoint),
            CosmosDatabase = Text(configuration, Keys.CosmosDatabase) ?? DefaultDatabase,
            CosmosConnectionMode = Enum(configuration, Keys.CosmosConnectionMode, ConnectionMode.Direct),
            CosmosKey = Text(configuration, Keys.CosmosKey),
            CosmosCreateIfNotExists = Bool(configuration, Keys.CosmosCreateIfNotExists, false),
            CosmosLimitToEndpoint = Bool(configuration, Keys.CosmosLimitToEndpoint, false),
            CosmosAcceptEmulatorCertificate = Bool(configuration, Keys.CosmosAcceptEmulatorCertificate, false),
            CosmosMaxParallelWrites = Int(configuration, Keys.CosmosMaxParallelWrites, 16, 1, 256),
            BlobServiceUri = AbsoluteUri(configuration, Keys.BlobServiceUri),
            BlobConnectionString = Text(configuration, Keys.BlobConnectionString),
            RawArchiveContainer = Text(configuration, Keys.RawArchiveContainer) ?? DefaultRawArchiveContainer,
            ArtifactsContainer = Text(configuration, Keys.ArtifactsContainer) ?? DefaultArtifactsContainer,
            BlobCreateIfNotExists = Bool(configuration, Keys.BlobCreateIfNotExists, true),
            TablesServiceUri = AbsoluteUri(configuration, Keys.TablesServiceUri),
            TablesConnectionString = Text(configuration, Keys.TablesConnectionString),
            TablesPrefix = Text(configuration, Keys.TablesPrefix) ?? DefaultTablesPrefix,
            TablesCreateIfNotExists = Bool(configuration, Keys.TablesCreateIfNotExists, true),
            TablesMaxParallelWrites = Int(configuration, Keys.TablesMaxParallelWrites, 8, 1, 64),
        };

        if (provider == StorageProvider.Azure)
        {
            if (settings.CosmosEndpoint is null)
            {
                throw new StorageConfigurationException($"{Keys.CosmosEndpoint} is required when {Keys.Provider} is Azure (for example https://<account>.documents.azure.com:443/).");
            }

            if (settings.CosmosAcceptEmulatorCertificate && !settings.CosmosEndpoint.IsLoopback)
            {
                throw new StorageConfigurationException($"{Keys.CosmosAcceptEmulatorCertificate} is only allowed for a loopback {Keys.CosmosEndpoint} (a local emulator), not {settings.CosmosEndpoint}.");
            }

            if (settings.CosmosKey is not null && !IsBase64(settings.CosmosKey))
            {
                throw new StorageConfigurationException($"{Keys.CosmosKey} is not a Cosmos DB account key (base64); remove it to use managed identity.");
            }

            if (!IsValidCosmosName(settings.CosmosDatabase))
            {
                throw new StorageConfigurationException($"{Keys.CosmosDatabase} '{settings.CosmosDatabase}' is not a valid Cosmos DB database name: 1 to 255 characters without / \\ # ? or a trailing space.");
            }
        }

        if (provider == StorageProvider.AzureTables)
        {
            if (settings.TablesServiceUri is null && settings.TablesConnectionString is null)
            {
                throw new StorageConfigurationException($"{Keys.TablesServiceUri} (managed identity, for example https://<account>.table.core.windows.net/) or {Keys.TablesConnectionString} (Azurite) is required when {Keys.Provider} is AzureTables.");
            }

            if (settings.TablesServiceUri is not null && settings.TablesConnectionString is not null)
            {
                throw new StorageConfigurationException($"Set only one of {Keys.TablesServiceUri} and {Keys.TablesConnectionString}.");
            }

            if (!IsValidTablePrefix(settings.TablesPrefix))
            {
                throw new StorageConfigurationException($"{Keys.TablesPrefix} '{settings.TablesPrefix}' is not a valid table name prefix: 1 to 40 ASCII letters and digits, starting with a letter.");
            }
        }

        if (provider is StorageProvider.Azure or StorageProvider.AzureTables)
        {
            if (settings.BlobServiceUri is null && settings.BlobConnectionString is null)
            {
                throw new StorageConfigurationException($"{Keys.BlobServiceUri} (managed identity) or {Keys.BlobConnectionString} is required when {Keys.Provider} is {provider}.");
            }

            if (settings.BlobServiceUri is not null && settings.BlobConnectionString is not null)
            {
                throw new StorageConfigurationException($"Set only one of {Keys.BlobServiceUri} and {Keys.BlobConnectionString}.");
            }

            if (!IsValidContainerName(settings.RawArchiveContainer))
            {
                throw new StorageConfigurationException($"{Keys.RawArchiveContainer} '{settings.RawArchiveContainer}' is not a valid blob container name: 3 to 63 lowercase letters, digits and single hyphens, starting with a letter or digit.");
            }

            if (!IsValidContainerName(settings.ArtifactsContainer))
            {
                throw new StorageConfigurationException($"{Keys.ArtifactsContainer} '{settings.ArtifactsContainer}' is not a valid blob container name: 3 to 63 lowercase letters, digits and single hyphens, starting with a letter or digit.");
            }
        }

        return settings;
    }

    private static bool IsValidContainerName(string name)
    {
        if (name.Length is < 3 or > 63 || name[0] == '-' || name[^1] == '-' || name.Contains("--", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Table names are 3 to 63 letters and digits starting with a letter; the longest container name (11) is added.</summary>
    private static bool IsValidTablePrefix(string prefix) =>
        prefix.Length is >= 1 and <= 40 && char.IsAsciiLetter(prefix[0]) && prefix.All(char.IsAsciiLetterOrDigit);

    private static bool IsBase64(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out var written) && written > 0;
    }

    private static bool IsValidCosmosName(string name) =>
        name.Length is >= 1 and <= 255 && !name.EndsWith(' ') && name.IndexOfAny(['/', '\\', '#', '?']) < 0;

    private static string? Text(IConfiguration configuration, string key)
    {
        var value = configuration[key];
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    private static T Enum<T>(IConfiguration configuration, string key, T fallback) where T : struct, System.Enum
    {
        var text = Text(configuration, key);
        if (text is null)
        {
            return fallback;
        }

        if (System.Enum.TryParse<T>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value) && !char.IsAsciiDigit(text[0]))
        {
            return value;
        }

        throw new StorageConfigurationException($"{key} is '{text}'; expected one of: {string.Join(", ", System.Enum.GetNames<T>())}.");
    }

    private static bool Bool(IConfiguration configuration, string key, bool fallback)
    {
        var text = Text(configuration, key);
        if (text is null)
        {
            return fallback;
        }

        return bool.TryParse(text, out var value) ? value : throw new StorageConfigurationException($"{key} is '{text}'; expected true or false.");
    }

    private static int Int(IConfiguration configuration, string key, int fallback, int min, int max)
    {
        var text = Text(configuration, key);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new StorageConfigurationException(string.Create(CultureInfo.InvariantCulture, $"{key} is '{text}'; expected a whole number from {min} to {max}."));
    }

    private static Uri? AbsoluteUri(IConfiguration configuration, string key)
    {
        var text = Text(configuration, key);
        if (text is null)
        {
            return null;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : throw new StorageConfigurationException($"{key} is '{text}'; expected an absolute https:// URI.");
    }
}
