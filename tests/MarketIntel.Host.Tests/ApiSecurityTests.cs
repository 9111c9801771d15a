using System.Net;
using System.Text;
using MarketIntel.Api;
using Microsoft.Extensions.Configuration;

namespace MarketIntel.Host.Tests;

public sealed class ApiSecurityTests(ApiSecurityFixture host) : IClassFixture<ApiSecurityFixture>
{
    private static HttpRequestMessage PutWatchlist(string? key, string name = "security")
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/watchlists/{name}") { Content = new StringContent("""{"symbols":["AAPL"]}""", Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.Add(ApiKeyFilter.Header, key);
        }

        return request;
    }

    [Fact]
    public async Task AReadScopedKey_IsForbiddenOnAMutatingRoute_AndTheWriteKeyIsAccepted()
    {
        // A known key without the scope is refused, not counted as a guess: it never locks the address out.
        for (var i = 0; i <= ApiKeyFilter.FailuresPerWindow; i++)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await host.Client.SendAsync(PutWatchlist(ApiSecurityFixture.ReadKey))).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(PutWatchlist(LocalHostFixture.ApiKey))).StatusCode);
    }

    [Fact]
    public async Task EveryResponse_CarriesTheSecurityHeaders()
    {
        foreach (var path in new[] { "/", "/api/health" })
        {
            var response = await host.Client.GetAsync(path);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            var directives = csp.Split(';', StringSplitOptions.TrimEntries).ToDictionary(d => d.Split(' ')[0], d => d);
            Assert.Equal("script-src 'self'", directives["script-src"]);
            Assert.Equal("default-src 'self'", directives["default-src"]);
            Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ABodyOverTheLimit_Is413_AndChangesNothing()
    {
        var symbols = string.Join(',', Enumerable.Repeat("\"AAPL\"", (int)(ApiOptions.MaxRequestBodyBytes / 6) + 10));
        var request = new HttpRequestMessage(HttpMethod.Put, "/api/watchlists/huge") { Content = new StringContent($$"""{"symbols":[{{symbols}}]}""", Encoding.UTF8, "application/json") };
        request.Headers.Add(ApiKeyFilter.Header, LocalHostFixture.ApiKey);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await host.Client.SendAsync(request)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.GetAsync("/api/watchlists/huge")).StatusCode);
    }

    [Fact]
    public async Task RepeatedWrongKeys_LockTheAddressOutForTheWindow_EvenForARightKey()
    {
        // Its own host: the lock-out is per address, and every test here comes from 127.0.0.1.
        var fresh = new LocalHostFixture();
        await fresh.InitializeAsync();
        try
        {
            await LockOutAsync(fresh);
        }
        finally
        {
            await fresh.DisposeAsync();
        }
    }

    private static async Task LockOutAsync(LocalHostFixture fresh)
    {
        for (var i = 0; i < ApiKeyFilter.FailuresPerWindow; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await fresh.Client.SendAsync(PutWatchlist($"guess-{i}"))).StatusCode);
        }

        var locked = await fresh.Client.SendAsync(PutWatchlist(LocalHostFixture.ApiKey));
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Equal(ApiKeyFilter.Window, locked.Headers.RetryAfter!.Delta);
        Assert.Equal(HttpStatusCode.OK, (await fresh.Client.GetAsync("/api/health")).StatusCode);
    }

    [Fact]
    public void Keys_AreKeptAsHashes_AndANamedKeyIsAddedRotatedAndRevokedWithoutARestart()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>()).Build();
        using var keyring = new ApiKeyring(configuration, new ApiOptions { Key = "host-key" });
        Assert.Equal("host", keyring.Match("host-key")!.Name);
        Assert.All(keyring.Keys, k => Assert.Equal(32, k.Sha256.Length));
        Assert.Null(keyring.Match("ci-key-1"));

        configuration["Api:Keys:ci:Sha256"] = Convert.ToHexString(ApiKeyring.Hash("ci-key-1"));
        configuration.Reload();
        Assert.Equal(("ci", ApiAccess.Write), (keyring.Match("ci-key-1")!.Name, keyring.Match("ci-key-1")!.Scope));

        configuration["Api:Keys:ci:Sha256"] = Convert.ToHexString(ApiKeyring.Hash("ci-key-2"));
        configuration["Api:Keys:ci:Scope"] = "Read";
        configuration.Reload();
        Assert.Null(keyring.Match("ci-key-1"));
        Assert.Equal(ApiAccess.Read, keyring.Match("ci-key-2")!.Scope);

        // A malformed reload keeps the keys that were in force, and says why; a host cannot start with one.
        configuration["Api:Keys:ci:Sha256"] = "not-hex";
        configuration.Reload();
        Assert.Equal(ApiAccess.Read, keyring.Match("ci-key-2")!.Scope);
        Assert.Contains("64 hex digits", keyring.LastReloadError, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => new ApiKeyring(configuration, new ApiOptions()));
    }
}
