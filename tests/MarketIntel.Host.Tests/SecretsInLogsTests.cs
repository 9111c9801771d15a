using System.Net;
using System.Text;
using MarketIntel.Api;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MarketIntel.Host.Tests;

/// <summary>
/// Secrets never reach the logs: a host logging everything at Trace level is driven through the routes that handle
/// keys (right, wrong, read-only, lock-out) and through its start-up runs; no captured entry may hold a key's value.
/// A canary logged on purpose proves the capture sees what the host logs.
/// </summary>
public sealed class SecretsInLogsTests
{
    private const string Canary = "canary-not-a-secret-4711";
    private const string BrokerKeyId = "PK-broker-key-id-93c1";
    private const string BrokerSecret = "broker-secret-key-f00d7a";
    private const string GrantSecret = "tt-client-secret-0b5e";
    private const string GrantToken = "tt-grant-refresh-token-77c2";

    [Fact]
    public async Task TheConfiguredKey_AndAGeneratedOne_NeverAppearInAnyLogEntry()
    {
        const string configured = "configured-key-5b1d9e0c7a";
        var (logs, _) = await DriveAsync(configured);
        Assert.Contains(logs, e => e.Contains(Canary, StringComparison.Ordinal));
        Assert.True(logs.Count > 50, $"the capture saw only {logs.Count} entries");
        Assert.DoesNotContain(logs, e => e.Contains(configured, StringComparison.Ordinal));
        Assert.DoesNotContain(logs, e => e.Contains(configured + "-wrong", StringComparison.Ordinal));

        // Broker credentials stored through the API, then used by a reconciliation and the supervisor against a venue
        // that does not answer: neither value in any entry.
        Assert.DoesNotContain(logs, e => e.Contains(BrokerSecret, StringComparison.Ordinal) || e.Contains(BrokerKeyId, StringComparison.Ordinal));
        Assert.Contains(logs, e => e.Contains("alpaca-paper", StringComparison.Ordinal));

        // Likewise an OAuth2 venue's client secret and grant, whose refresh is tried against the silent venue.
        Assert.DoesNotContain(logs, e => e.Contains(GrantSecret, StringComparison.Ordinal) || e.Contains(GrantToken, StringComparison.Ordinal));
        Assert.Contains(logs, e => e.Contains("tasty", StringComparison.Ordinal));

        // Without Api:Key the host creates one in its data folder: that one must stay out of the logs too.
        var (generatedLogs, generated) = await DriveAsync(key: null);
        Assert.Contains(generatedLogs, e => e.Contains(Canary, StringComparison.Ordinal));
        Assert.DoesNotContain(generatedLogs, e => e.Contains(generated, StringComparison.Ordinal));
    }

    /// <returns>Every entry logged, and the key used (the generated one when <paramref name="key"/> is null).</returns>
    private static async Task<(List<string> Logs, string Key)> DriveAsync(string? key)
    {
        var data = Directory.CreateTempSubdirectory("marketintel-secrets-").FullName;
        var capture = new CapturedLogs();
        try
        {
            string[] args = ["--urls", "http://127.0.0.1:0", "--data", data, "--Logging:LogLevel:Default=Trace", "--Pipeline:InitialLookbackHours=2",
                "--Brokers:Connections:alpaca-paper:Venue=alpaca", "--Brokers:Connections:alpaca-paper:BaseUrl=http://127.0.0.1:9", "--Brokers:Connections:alpaca-paper:StreamUrl=ws://127.0.0.1:9",
                "--Brokers:Connections:tasty:Venue=tastytrade", "--Brokers:Connections:tasty:AccountNumber=5WT00001", "--Brokers:Connections:tasty:BaseUrl=http://127.0.0.1:9",
                .. key is null ? Array.Empty<string>() : [$"--Api:Key={key}"]];
            await using var app = MarketIntelHost.Build(args, builder => builder.Logging.AddProvider(capture));
            await app.StartAsync();
            key ??= (await File.ReadAllTextAsync(Path.Combine(data, "api-key"))).Trim();
            using var client = new HttpClient { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()) };

            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(Put("/api/watchlists/secrets", key))).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(Put("/api/watchlists/secrets", key + "-wrong"))).StatusCode);
            using (var mc = new HttpRequestMessage(HttpMethod.Post, "/api/risk/montecarlo") { Content = new StringContent("""{"model":"gbm","mu":0.0004,"sigma":0.015,"horizon":5,"paths":1000,"batches":2,"seed":3}""", Encoding.UTF8, "application/json") })
            {
                mc.Headers.Add(ApiKeyFilter.Header, key);
                Assert.Equal(HttpStatusCode.Accepted, (await client.SendAsync(mc)).StatusCode);
            }

            using (var credentials = new HttpRequestMessage(HttpMethod.Put, "/api/brokers/alpaca-paper/credentials") { Content = new StringContent($$"""{"keyId":"{{BrokerKeyId}}","secretKey":"{{BrokerSecret}}"}""", Encoding.UTF8, "application/json") })
            {
                credentials.Headers.Add(ApiKeyFilter.Header, key);
                Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(credentials)).StatusCode);
            }

            using (var reconcile = new HttpRequestMessage(HttpMethod.Post, "/api/brokers/alpaca-paper/reconcile"))
            {
                reconcile.Headers.Add(ApiKeyFilter.Header, key);
                Assert.Equal(HttpStatusCode.BadGateway, (await client.SendAsync(reconcile)).StatusCode);
            }

            using (var grant = new HttpRequestMessage(HttpMethod.Put, "/api/brokers/tasty/credentials") { Content = new StringContent($$"""{"clientSecret":"{{GrantSecret}}","refreshToken":"{{GrantToken}}"}""", Encoding.UTF8, "application/json") })
            {
                grant.Headers.Add(ApiKeyFilter.Header, key);
                Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(grant)).StatusCode);
            }

            using (var reconcile = new HttpRequestMessage(HttpMethod.Post, "/api/brokers/tasty/reconcile"))
            {
                reconcile.Headers.Add(ApiKeyFilter.Header, key);
                Assert.Equal(HttpStatusCode.BadGateway, (await client.SendAsync(reconcile)).StatusCode);
            }

            var events = await client.GetStringAsync("/api/events");
            Assert.DoesNotContain(BrokerSecret, events, StringComparison.Ordinal);
            Assert.DoesNotContain(GrantToken, events, StringComparison.Ordinal);

            for (var i = 0; i < ApiKeyFilter.FailuresPerWindow + 2; i++)
            {
                await client.SendAsync(Put("/api/watchlists/secrets", "guess-" + i));
            }

            // The start-up ingest and scan log too; wait for the scan so their entries are in.
            for (var i = 0; i < 600 && (await client.GetAsync("/api/setups")).StatusCode != HttpStatusCode.OK; i++)
            {
                await Task.Delay(100);
            }

            app.Services.GetRequiredService<ILogger<SecretsInLogsTests>>().LogInformation("{Canary}", Canary);
            await app.StopAsync();
            return ([.. capture.Entries], key);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
    }

    private static HttpRequestMessage Put(string url, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new StringContent("""{"symbols":["BTC-USD"]}""", Encoding.UTF8, "application/json") };
        request.Headers.Add(ApiKeyFilter.Header, key);
        return request;
    }
}
