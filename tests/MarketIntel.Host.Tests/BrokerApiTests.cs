using System.Net;
using System.Text;
using System.Text.Json;

namespace MarketIntel.Host.Tests;

/// <summary>
/// The broker and automation routes over the local host's HTTP server: a configured connection without credentials,
/// credentials stored encrypted (never echoed), a venue that does not answer as a 502, automation switched on, listed,
/// and switched off first by the kill switch.
/// </summary>
public sealed class BrokerApiTests(BrokerApiFixture host) : IClassFixture<BrokerApiFixture>
{
    private const string SecretKey = "sk-never-shown-5b1f";

    private async Task<(HttpStatusCode Status, JsonElement Body, string Text)> CallAsync(HttpMethod method, string url, string? json = null, string? key = LocalHostFixture.ApiKey)
    {
        using var request = new HttpRequestMessage(method, url);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (key is not null)
        {
            request.Headers.Add("x-api-key", key);
        }

        var response = await host.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonSerializer.Deserialize<JsonElement>(text), text);
    }

    [Fact]
    public async Task Credentials_AreStoredEncryptedAndNeverEchoed_AndAnUnreachableVenueIsA502()
    {
        var (listed, brokers, _) = await CallAsync(HttpMethod.Get, "/api/brokers", key: null);
        Assert.Equal(HttpStatusCode.OK, listed);
        Assert.Equal(["alpaca-paper", "schwab-main", "tasty"], brokers.EnumerateArray().Select(b => b.GetProperty("name").GetString()));
        var alpaca = brokers.EnumerateArray().First();
        Assert.Equal(("alpaca-paper", "alpaca", "paper"), (alpaca.GetProperty("name").GetString(), alpaca.GetProperty("venue").GetString(), alpaca.GetProperty("environment").GetString()));
        Assert.Equal(["keyId", "secretKey"], alpaca.GetProperty("credentialFields").EnumerateArray().Select(f => f.GetString()));

        const string Credentials = $$"""{"keyId":"PK-TEST","secretKey":"{{SecretKey}}"}""";
        Assert.Equal(HttpStatusCode.Unauthorized, (await CallAsync(HttpMethod.Put, "/api/brokers/alpaca-paper/credentials", Credentials, key: null)).Status);
        var (wrong, problem, _) = await CallAsync(HttpMethod.Put, "/api/brokers/alpaca-paper/credentials", """{"keyId":"PK","clientSecret":"x"}""");
        Assert.Equal((HttpStatusCode.BadRequest, "clientSecret"), (wrong, problem.GetProperty("parameter").GetString()));
        var (missing, problem2, _) = await CallAsync(HttpMethod.Put, "/api/brokers/alpaca-paper/credentials", """{"keyId":"PK"}""");
        Assert.Equal((HttpStatusCode.BadRequest, "secretKey"), (missing, problem2.GetProperty("parameter").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await CallAsync(HttpMethod.Put, "/api/brokers/nope/credentials", Credentials)).Status);

        var (stored, view, text) = await CallAsync(HttpMethod.Put, "/api/brokers/alpaca-paper/credentials", Credentials);
        Assert.Equal(HttpStatusCode.OK, stored);
        Assert.True(view.GetProperty("credentialsStored").GetBoolean());
        Assert.DoesNotContain(SecretKey, text, StringComparison.Ordinal);
        var file = Path.Combine(host.DataPath, "secrets", "values", "alpaca", "alpaca-paper", "credentials.secret");
        Assert.True(File.Exists(file));
        Assert.DoesNotContain(SecretKey, Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file)), StringComparison.Ordinal);
        Assert.DoesNotContain("PK-TEST", Encoding.UTF8.GetString(await File.ReadAllBytesAsync(file)), StringComparison.Ordinal);

        // Nothing listens at the venue's address: a reconciliation is a 502 naming the connection, not a 500.
        var (unreachable, bad, _) = await CallAsync(HttpMethod.Post, "/api/brokers/alpaca-paper/reconcile");
        Assert.Equal(HttpStatusCode.BadGateway, unreachable);
        Assert.Equal("connection", bad.GetProperty("parameter").GetString());
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(HttpMethod.Get, "/api/brokers/alpaca-paper/orders", key: null)).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await CallAsync(HttpMethod.Get, "/api/brokers/alpaca-paper/reconciliations?limit=0", key: null)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await CallAsync(HttpMethod.Get, "/api/brokers/nope/orders", key: null)).Status);
    }

    [Fact]
    public async Task SchwabHandsOutItsConsentPage_TastytradeTakesAGrant_AndBothShowTheirTokens()
    {
        var (_, before, _) = await CallAsync(HttpMethod.Get, "/api/brokers", key: null);
        var schwab = before.EnumerateArray().Single(b => b.GetProperty("name").GetString() == "schwab-main");
        Assert.Equal(("schwab", "live"), (schwab.GetProperty("venue").GetString(), schwab.GetProperty("environment").GetString()));
        Assert.Equal(["clientId", "clientSecret"], schwab.GetProperty("credentialFields").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal((HttpStatusCode.Conflict, "credentials"), await ProblemAsync(HttpMethod.Get, "/api/brokers/schwab-main/authorize"));

        var (stored, view, text) = await CallAsync(HttpMethod.Put, "/api/brokers/schwab-main/credentials", $$"""{"clientId":"app-key","clientSecret":"{{SecretKey}}"}""");
        Assert.Equal(HttpStatusCode.OK, stored);
        Assert.Equal("not_authorized", view.GetProperty("tokens").GetProperty("state").GetString());
        Assert.True(view.GetProperty("takesConsent").GetBoolean());
        Assert.DoesNotContain(SecretKey, text, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Unauthorized, (await CallAsync(HttpMethod.Get, "/api/brokers/schwab-main/authorize", key: null)).Status);
        var (started, start, _) = await CallAsync(HttpMethod.Get, "/api/brokers/schwab-main/authorize");
        Assert.Equal(HttpStatusCode.OK, started);
        var state = start.GetProperty("state").GetString()!;
        Assert.Equal($"http://127.0.0.1:9/v1/oauth/authorize?client_id=app-key&redirect_uri={Uri.EscapeDataString("https://127.0.0.1:8182/callback")}&response_type=code&state={state}",
            start.GetProperty("url").GetString());

        // The code goes to Schwab's token endpoint, which does not answer here: a 502 naming the connection, tokens unchanged.
        Assert.Equal((HttpStatusCode.BadGateway, "connection"), await ProblemAsync(HttpMethod.Post, "/api/brokers/schwab-main/authorize", $$"""{"code":"c0de","state":"{{state}}"}"""));

        var (granted, tasty, tastyText) = await CallAsync(HttpMethod.Put, "/api/brokers/tasty/credentials", """{"clientSecret":"tt-secret","refreshToken":"tt-grant-never-shown"}""");
        Assert.Equal(HttpStatusCode.OK, granted);
        Assert.Equal(("tastytrade", "paper", "connected"), (tasty.GetProperty("venue").GetString(), tasty.GetProperty("environment").GetString(), tasty.GetProperty("tokens").GetProperty("state").GetString()));
        Assert.Equal(JsonValueKind.Null, tasty.GetProperty("tokens").GetProperty("refreshTokenExpires").ValueKind);
        Assert.False(tasty.GetProperty("takesConsent").GetBoolean());
        Assert.DoesNotContain("tt-grant-never-shown", tastyText, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Conflict, "connection"), await ProblemAsync(HttpMethod.Get, "/api/brokers/tasty/authorize"));

        var (_, after, _) = await CallAsync(HttpMethod.Get, "/api/brokers", key: null);
        Assert.Equal("not_authorized", after.EnumerateArray().Single(b => b.GetProperty("name").GetString() == "schwab-main").GetProperty("tokens").GetProperty("state").GetString());
    }

    private async Task<(HttpStatusCode, string?)> ProblemAsync(HttpMethod method, string url, string? json = null)
    {
        var (status, body, _) = await CallAsync(method, url, json);
        return (status, body.ValueKind == JsonValueKind.Object && body.TryGetProperty("parameter", out var p) ? p.GetString() : null);
    }

    [Fact]
    public async Task Automation_IsOffByDefault_SwitchedOnWithTheKey_AndTheKillSwitchTurnsItOffFirst()
    {
        var (_, none, _) = await CallAsync(HttpMethod.Get, "/api/automation", key: null);
        Assert.DoesNotContain(none.EnumerateArray(), r => r.GetProperty("account").GetString() == "auto");
        Assert.Equal(HttpStatusCode.NotFound, (await CallAsync(HttpMethod.Put, "/api/automation/auto/breakout", """{"enabled":true}""")).Status);
        Assert.Equal(HttpStatusCode.Created, (await CallAsync(HttpMethod.Post, "/api/paper/accounts", """{"id":"auto","settings":{"name":"Auto","startingCash":50000}}""")).Status);

        Assert.Equal(HttpStatusCode.Unauthorized, (await CallAsync(HttpMethod.Put, "/api/automation/auto/breakout", """{"enabled":true}""", key: null)).Status);
        var (badCap, capProblem, _) = await CallAsync(HttpMethod.Put, "/api/automation/auto/breakout", """{"enabled":true,"dailyCap":1000}""");
        Assert.Equal((HttpStatusCode.BadRequest, "dailyCap"), (badCap, capProblem.GetProperty("parameter").GetString()));
        var (badField, fieldProblem, _) = await CallAsync(HttpMethod.Put, "/api/automation/auto/breakout", """{"enabled":true,"cap":3}""");
        Assert.Equal((HttpStatusCode.BadRequest, "cap"), (badField, fieldProblem.GetProperty("parameter").GetString()));
        var (on, rule, _) = await CallAsync(HttpMethod.Put, "/api/automation/auto/breakout", """{"enabled":true,"dailyCap":3,"connection":"alpaca-paper"}""");
        Assert.Equal(HttpStatusCode.OK, on);
        Assert.Equal((true, 3, "alpaca-paper"), (rule.GetProperty("enabled").GetBoolean(), rule.GetProperty("dailyCap").GetInt32(), rule.GetProperty("connection").GetString()));

        Assert.Equal(HttpStatusCode.OK, (await CallAsync(HttpMethod.Post, "/api/paper/accounts/auto/kill", """{"level":"block_entries"}""")).Status);
        var (_, rules, _) = await CallAsync(HttpMethod.Get, "/api/automation", key: null);
        var stopped = Assert.Single(rules.EnumerateArray(), r => r.GetProperty("account").GetString() == "auto");
        Assert.Equal((false, "kill_switch"), (stopped.GetProperty("enabled").GetBoolean(), stopped.GetProperty("stoppedBy").GetString()));

        var (decided, decisions, _) = await CallAsync(HttpMethod.Get, "/api/automation/auto/decisions", key: null);
        Assert.Equal(HttpStatusCode.OK, decided);
        Assert.Empty(decisions.EnumerateArray());
        Assert.Equal(HttpStatusCode.BadRequest, (await CallAsync(HttpMethod.Get, "/api/automation/auto/decisions?day=yesterday", key: null)).Status);
    }
}
