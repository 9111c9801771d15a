using System.Text.Json;
using MarketIntel.Brokers.Alpaca;
using MarketIntel.Brokers.OrderIds;
using MarketIntel.Brokers.Schwab;
using MarketIntel.Brokers.Tastytrade;
using MarketIntel.Core.Brokerage;
using Microsoft.Extensions.Logging;

namespace MarketIntel.Brokers.Configuration;

/// <summary>
/// Opens a configured connection's adapter from its settings and its stored credentials (the fields of
/// <see cref="BrokerSettings.Venues"/>): the one place that knows which adapter a venue name means. Nothing is sent to
/// the venue here; the first request does that.
/// </summary>
public static class BrokerAdapters
{
    /// <summary>
    /// The adapter opened from the credentials stored for the connection (<c>{venue}/{name}/credentials</c>), or null while
    /// none are stored.
    /// </summary>
    public static async Task<IBroker?> OpenStoredAsync(
        BrokerConnectionSettings settings, IBrokerSecretStore secrets, IBrokerOrderIdMap orderIds, TimeProvider time, ILogger logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(secrets);
        var stored = await secrets.ReadAsync(BrokerSecretName.Credentials(settings.Venue, settings.Name), cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return null;
        }

        Dictionary<string, string> credentials;
        try
        {
            credentials = JsonSerializer.Deserialize<Dictionary<string, string>>(stored) ?? [];
        }
        catch (JsonException e)
        {
            // The message of a JsonException can quote the text: name the secret and the line only.
            throw new ArgumentException($"the stored credentials of broker connection '{settings.Name}' are not a JSON object of strings (line {e.LineNumber}); store them again", nameof(secrets));
        }

        return await OpenAsync(settings, credentials, secrets, orderIds, time, logger, cancellationToken).ConfigureAwait(false);
    }

    /// <exception cref="ArgumentException">The credentials lack a field the venue needs (the message names it, never a value).</exception>
    public static async Task<IBroker> OpenAsync(
        BrokerConnectionSettings settings, IReadOnlyDictionary<string, string> credentials, IBrokerSecretStore secrets, IBrokerOrderIdMap orderIds,
        TimeProvider time, ILogger logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(credentials);
        string Field(string name) => credentials.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value)
            ? value
            : throw new ArgumentException($"the stored credentials of broker connection '{settings.Name}' have no '{name}' (store them again)", nameof(credentials));

        switch (settings.Venue)
        {
            case BrokerSettings.Alpaca:
                return new AlpacaBroker(new HttpClient(), new AlpacaOptions
                {
                    KeyId = Field("keyId"),
                    SecretKey = Field("secretKey"),
                    Environment = settings.Environment,
                    BaseUrl = settings.BaseUrl,
                    StreamUrl = settings.StreamUrl,
                }, time, logger);
            case BrokerSettings.Schwab:
                return new SchwabBroker(new HttpClient(), new SchwabOptions
                {
                    ClientId = Field("clientId"),
                    ClientSecret = Field("clientSecret"),
                    RedirectUri = settings.RedirectUri,
                    AccountNumber = settings.AccountNumber ?? "",
                    Connection = settings.Name,
                    BaseUrl = settings.BaseUrl,
                }, secrets, orderIds, time, logger);
            case BrokerSettings.Tastytrade:
                var tastytrade = new TastytradeBroker(new HttpClient(), new TastytradeOptions
                {
                    ClientSecret = Field("clientSecret"),
                    AccountNumber = settings.AccountNumber ?? "",
                    Environment = settings.Environment == "live" ? TastytradeOptions.Production : TastytradeOptions.Sandbox,
                    Connection = settings.Name,
                    BaseUrl = settings.BaseUrl,
                }, secrets, orderIds, time, logger);
                try
                {
                    await tastytrade.UseGrantAsync(Field("refreshToken"), cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    tastytrade.Dispose();
                    throw;
                }

                return tastytrade;
            default:
                throw new ArgumentException($"no adapter for venue '{settings.Venue}' (broker connection '{settings.Name}')", nameof(settings));
        }
    }
}
