using System.Globalization;
using MarketIntel.Ingestion.Providers.Alpaca;
using Microsoft.Extensions.Configuration;

namespace MarketIntel.Ingestion.Composition;

/// <summary>
/// Provider settings, read at start-up (see <see cref="Keys"/>). Base URLs default to the providers' public endpoints;
/// tests and the fault-injection server point them elsewhere. Alpaca also reads its own <c>APCA_API_KEY_ID</c> and
/// <c>APCA_API_SECRET_KEY</c> variables.
/// </summary>
public sealed record IngestionSettings
{
    public ulong SimulatorSeed { get; init; } = 42;

    public DateOnly SimulatorOrigin { get; init; } = new(2020, 1, 1);

    public Uri? BinanceBaseUrl { get; init; }

    public Uri? CoinbaseBaseUrl { get; init; }

    public Uri? BinanceStreamUrl { get; init; }

    public Uri? CoinbaseStreamUrl { get; init; }

    public Uri? AlpacaBaseUrl { get; init; }

    public AlpacaCredentials? AlpacaCredentials { get; init; }

    public string AlpacaFeed { get; init; } = "iex";

    public Uri? PolygonBaseUrl { get; init; }

    public string? PolygonApiKey { get; init; }

    public static class Keys
    {
        public const string SimulatorSeed = "Ingestion:Simulator:Seed";
        public const string SimulatorOrigin = "Ingestion:Simulator:Origin";
        public const string BinanceBaseUrl = "Ingestion:Binance:BaseUrl";
        public const string CoinbaseBaseUrl = "Ingestion:Coinbase:BaseUrl";
        public const string BinanceStreamUrl = "Ingestion:Binance:StreamUrl";
        public const string CoinbaseStreamUrl = "Ingestion:Coinbase:StreamUrl";
        public const string AlpacaBaseUrl = "Ingestion:Alpaca:BaseUrl";
        public const string AlpacaKeyId = "Ingestion:Alpaca:KeyId";
        public const string AlpacaSecretKey = "Ingestion:Alpaca:SecretKey";
        public const string AlpacaFeed = "Ingestion:Alpaca:Feed";
        public const string PolygonBaseUrl = "Ingestion:Polygon:BaseUrl";
        public const string PolygonApiKey = "Ingestion:Polygon:ApiKey";
    }

    /// <exception cref="ArgumentException">A setting is malformed; the message names it.</exception>
    public static IngestionSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var keyId = Text(configuration, Keys.AlpacaKeyId) ?? Text(configuration, "APCA_API_KEY_ID");
        var secret = Text(configuration, Keys.AlpacaSecretKey) ?? Text(configuration, "APCA_API_SECRET_KEY");
        if ((keyId is null) != (secret is null))
        {
            throw new ArgumentException($"Set both {Keys.AlpacaKeyId} and {Keys.AlpacaSecretKey}, or neither.");
        }

        return new IngestionSettings
        {
            SimulatorSeed = Text(configuration, Keys.SimulatorSeed) is { } seed
                ? ulong.TryParse(seed, NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : throw new ArgumentException($"{Keys.SimulatorSeed} is '{seed}'; expected a whole number.")
                : 42,
            SimulatorOrigin = Text(configuration, Keys.SimulatorOrigin) is { } origin
                ? DateOnly.TryParseExact(origin, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var o) ? o : throw new ArgumentException($"{Keys.SimulatorOrigin} is '{origin}'; expected yyyy-MM-dd.")
                : new DateOnly(2020, 1, 1),
            BinanceBaseUrl = Url(configuration, Keys.BinanceBaseUrl),
            CoinbaseBaseUrl = Url(configuration, Keys.CoinbaseBaseUrl),
            BinanceStreamUrl = Url(configuration, Keys.BinanceStreamUrl, webSocket: true),
            CoinbaseStreamUrl = Url(configuration, Keys.CoinbaseStreamUrl, webSocket: true),
            AlpacaBaseUrl = Url(configuration, Keys.AlpacaBaseUrl),
            AlpacaCredentials = keyId is null ? null : new AlpacaCredentials(keyId, secret!),
            AlpacaFeed = Text(configuration, Keys.AlpacaFeed) ?? "iex",
            PolygonBaseUrl = Url(configuration, Keys.PolygonBaseUrl),
            PolygonApiKey = Text(configuration, Keys.PolygonApiKey),
        };
    }

    private static string? Text(IConfiguration configuration, string key) => string.IsNullOrWhiteSpace(configuration[key]) ? null : configuration[key]!.Trim();

    private static Uri? Url(IConfiguration configuration, string key, bool webSocket = false)
    {
        var text = Text(configuration, key);
        if (text is null)
        {
            return null;
        }

        // A base address needs its trailing slash for relative request paths to append to it.
        var schemes = webSocket ? new[] { Uri.UriSchemeWss, Uri.UriSchemeWs } : [Uri.UriSchemeHttps, Uri.UriSchemeHttp];
        return Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var uri) && schemes.Contains(uri.Scheme)
            ? uri
            : throw new ArgumentException($"{key} is '{text}'; expected an absolute {(webSocket ? "ws(s)" : "http(s)")} URL.");
    }
}
