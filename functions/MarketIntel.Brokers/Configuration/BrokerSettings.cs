using MarketIntel.Core.Brokerage;
using Microsoft.Extensions.Configuration;

namespace MarketIntel.Brokers.Configuration;

/// <summary>
/// The broker settings, checked at start-up so a bad value stops the host naming the setting: the configured
/// connections (none by default) and, in Azure, the Key Vault that holds broker secrets.
/// </summary>
public static class BrokerSettings
{
    public static class Keys
    {
        /// <summary>The Key Vault for credentials and tokens (Azure; set by Bicep). Unset: the Data Protection store under the data folder.</summary>
        public const string KeyVaultUri = "Brokers:KeyVaultUri";

        /// <summary>One child section per connection, named by the connection (<c>Brokers:Connections:alpaca-paper:Venue</c>).</summary>
        public const string Connections = "Brokers:Connections";
    }

    /// <summary>
    /// The venues an adapter exists for, with the fields of their credentials: Alpaca's API key pair; Schwab's app key and
    /// secret (its tokens come from a person's consent, <c>/api/brokers/{name}/authorize</c>); tastytrade's OAuth client
    /// secret and the refresh token of a grant made on its site.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Venues { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        [Alpaca] = ["keyId", "secretKey"],
        [Schwab] = ["clientId", "clientSecret"],
        [Tastytrade] = ["clientSecret", "refreshToken"],
    };

    public const string Alpaca = "alpaca";
    public const string Schwab = "schwab";
    public const string Tastytrade = "tastytrade";

    /// <exception cref="ArgumentException">A connection's name, venue, environment or URL is not valid (the message names the setting).</exception>
    public static IReadOnlyList<BrokerConnectionSettings> Connections(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var connections = new List<BrokerConnectionSettings>();
        foreach (var section in configuration.GetSection(Keys.Connections).GetChildren())
        {
            var at = $"{Keys.Connections}:{section.Key}";
            if (!BrokerSecretName.IsSegment(section.Key))
            {
                throw new ArgumentException($"{at}: '{section.Key}' is not a connection name (1 to 40 lower-case letters, digits and '-')");
            }

            var venue = section["Venue"];
            if (venue is null || !Venues.ContainsKey(venue))
            {
                throw new ArgumentException($"{at}:Venue is '{venue}'; expected one of {string.Join(", ", Venues.Keys)}");
            }

            var environment = section["Environment"] ?? "paper";
            if (environment is not ("paper" or "live"))
            {
                throw new ArgumentException($"{at}:Environment is '{environment}'; expected paper or live (live only when written out)");
            }

            if (venue == Schwab && environment != "live")
            {
                // Schwab's Trader API has no paper environment: every Schwab connection reaches real money, so it must say so.
                throw new ArgumentException($"{at}:Environment is '{environment}'; Schwab has no paper environment, so a Schwab connection must be written as Environment=live");
            }

            var accountNumber = section["AccountNumber"];
            if (venue is Schwab or Tastytrade && string.IsNullOrWhiteSpace(accountNumber))
            {
                throw new ArgumentException($"{at}:AccountNumber is required for {venue}");
            }

            var redirect = Url(section, "RedirectUri", at);
            if (venue == Schwab && redirect is null)
            {
                throw new ArgumentException($"{at}:RedirectUri is required for schwab (the callback URL registered with the Schwab app)");
            }

            connections.Add(new BrokerConnectionSettings(section.Key, venue, environment, Url(section, "BaseUrl", at), Url(section, "StreamUrl", at),
                string.IsNullOrWhiteSpace(accountNumber) ? null : accountNumber.Trim(), redirect));
        }

        return connections;
    }

    private static Uri? Url(IConfigurationSection section, string key, string at)
    {
        var text = section[key];
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" or "wss" or "ws"
            ? uri
            : throw new ArgumentException($"{at}:{key} is '{text}'; expected an absolute http(s) or ws(s) URL");
    }
}
