using System.Net;
using System.Text.Json;
using MarketIntel.Brokers.OAuth;
using MarketIntel.Brokers.Tests.Shared;
using MarketIntel.Core.Brokerage;
using Microsoft.Extensions.Time.Testing;

namespace MarketIntel.Brokers.Tests.OAuth;

/// <summary>
/// The OAuth2 token source on a fake clock: refresh ahead of expiry, one refresh for many callers, one refresh and one
/// resend on a 401, every new set stored before it is used (a failed store keeps it pending, never refreshes with the
/// old token again), the refresh token's warning window and expiry, a refused refresh, and no token in any text.
/// </summary>
[Trait("Category", "Broker")]
public sealed class OAuthTokenSourceTests : IDisposable
{
    private const string Access1 = "access-token-one-SECRET";
    private const string Refresh1 = "refresh-token-one-SECRET";
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 14, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Start);
    private readonly InMemoryBrokerSecretStore _store = new();
    private readonly ScriptedTokenClient _client = new();
    private readonly RecordingLogger _log = new();
    private readonly OAuthTokenSource _source;

    public OAuthTokenSourceTests() =>
        _source = NewSource();

    public void Dispose() => _source.Dispose();

    private OAuthTokenSource NewSource() =>
        new("schwab", "main", _client, _store, new OAuthTokenOptions { RefreshTokenLifetime = TimeSpan.FromDays(7) }, _time, _log);

    private Task AuthorizeAsync() => _source.StoreAuthorizationAsync(new OAuthTokenGrant(Access1, TimeSpan.FromMinutes(30), Refresh1));

    [Fact]
    public async Task TheAccessToken_IsRefreshedTwoMinutesBeforeItExpires_NotEarlier()
    {
        await AuthorizeAsync();
        _client.Answer(new OAuthTokenGrant("access-two", TimeSpan.FromMinutes(30), null));

        _time.Advance(TimeSpan.FromMinutes(27.9));
        Assert.Equal(Access1, await _source.GetAccessTokenAsync());
        Assert.Equal(0, _client.Calls);

        _time.Advance(TimeSpan.FromMinutes(0.2));
        Assert.Equal("access-two", await _source.GetAccessTokenAsync());
        Assert.Equal(1, _client.Calls);
        Assert.Equal([Refresh1], _client.RefreshTokensGiven);

        var status = await _source.GetStatusAsync();
        Assert.Equal(OAuthConnectionState.Connected, status.State);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromMinutes(30), status.AccessTokenExpires);
        Assert.Equal(_time.GetUtcNow(), status.LastRefresh);

        // The refresh token is not rotated: its expiry stays 7 days from the authorization.
        Assert.Equal(Start + TimeSpan.FromDays(7), status.RefreshTokenExpires);
    }

    [Fact]
    public async Task ManyCallersAtExpiry_ShareOneRefresh()
    {
        await AuthorizeAsync();
        _time.Advance(TimeSpan.FromMinutes(29));
        _client.Hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _client.Answer(new OAuthTokenGrant("access-two", TimeSpan.FromMinutes(30), null));

        var callers = Enumerable.Range(0, 20).Select(_ => Task.Run(() => _source.GetAccessTokenAsync())).ToArray();
        await Task.Delay(200);
        _client.Hold.SetResult();
        var tokens = await Task.WhenAll(callers);

        Assert.All(tokens, t => Assert.Equal("access-two", t));
        Assert.Equal(1, _client.Calls);
    }

    [Fact]
    public async Task A401_RefreshesOnce_AndSendsTheRequestOnceMore_WithTheNewToken()
    {
        await AuthorizeAsync();
        _client.Answer(new OAuthTokenGrant("access-two", TimeSpan.FromMinutes(30), null));
        var sent = new List<string>();

        using var response = await _source.SendAsync((token, _) =>
        {
            sent.Add(token);
            return Task.FromResult(new HttpResponseMessage(sent.Count == 1 ? HttpStatusCode.Unauthorized : HttpStatusCode.OK));
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([Access1, "access-two"], sent);
        Assert.Equal(1, _client.Calls);
    }

    [Fact]
    public async Task A401AfterTheResend_IsReturned_WithoutASecondRefresh()
    {
        await AuthorizeAsync();
        _client.Answer(new OAuthTokenGrant("access-two", TimeSpan.FromMinutes(30), null));
        var sends = 0;

        using var response = await _source.SendAsync((_, _) =>
        {
            sends++;
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.Unauthorized));
        });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(2, sends);
        Assert.Equal(1, _client.Calls);
    }

    [Fact]
    public async Task ARotatedRefreshToken_IsStoredBeforeTheNewAccessTokenIsHandedOut()
    {
        await AuthorizeAsync();
        _time.Advance(TimeSpan.FromMinutes(29));
        _client.Answer(new OAuthTokenGrant("access-two", TimeSpan.FromMinutes(30), "refresh-two", TimeSpan.FromDays(7)));

        var token = await _source.GetAccessTokenAsync();

        Assert.Equal("access-two", token);
        var stored = JsonSerializer.Deserialize<OAuthTokenSet>(_store.Peek("schwab/main/tokens")!, Web)!;
        Assert.Equal("access-two", stored.AccessToken);
        Assert.Equal("refresh-two", stored.RefreshToken);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromDays(7), stored.RefreshTokenExpires);

        // A new process (restart) reads the rotated token and refreshes with it, not with the old one.
        _time.Advance(TimeSpan.FromMinutes(29));
        _client.Answer(new OAuthTokenGrant("access-three", TimeSpan.FromMinutes(30), null));
        using var restarted = NewSource();
        Assert.Equal("access-three", await restarted.GetAccessTokenAsync());
        Assert.Equal([Refresh1, "refresh-two"], _client.RefreshTokensGiven);
    }

    [Fact]
    public async Task WhenStoringARotatedSetFails_ItIsNotUsed_AndIsStoredFirstNextTime_WithoutRefreshingWithTheOldToken()
    {
        await AuthorizeAsync();
        _time.Advance(TimeSpan.FromMinutes(29));
        _client.Answer(new OAuthTokenGrant("access-two", TimeSpan.FromMinutes(30), "refresh-two"));
        _store.FailNextWrites = 1;

        var error = await Assert.ThrowsAsync<BrokerException>(() => _source.GetAccessTokenAsync());
        Assert.Equal(BrokerErrorKind.Unavailable, error.Kind);
        Assert.Contains(Refresh1, _store.Peek("schwab/main/tokens")!, StringComparison.Ordinal);

        var token = await _source.GetAccessTokenAsync();

        Assert.Equal("access-two", token);
        Assert.Contains("refresh-two", _store.Peek("schwab/main/tokens")!, StringComparison.Ordinal);
        Assert.Equal(1, _client.Calls);
    }

    [Fact]
    public async Task TheRefreshTokensExpiry_WarnsWithinTheWindow_ThenRequiresReauthorization()
    {
        await AuthorizeAsync();
        Assert.Equal(OAuthConnectionState.Connected, (await _source.GetStatusAsync()).State);

        _time.Advance(TimeSpan.FromDays(5) + TimeSpan.FromMinutes(1));
        var warning = await _source.GetStatusAsync();
        Assert.Equal(OAuthConnectionState.RefreshTokenExpiring, warning.State);
        Assert.Contains("expires at", warning.Warning, StringComparison.Ordinal);

        _time.Advance(TimeSpan.FromDays(2));
        var error = await Assert.ThrowsAsync<BrokerException>(() => _source.GetAccessTokenAsync());
        Assert.Equal(OAuthReasonCodes.ReauthorizationRequired, error.ReasonCode);
        Assert.Equal(BrokerErrorKind.Unauthorized, error.Kind);
        Assert.Equal(0, _client.Calls);
        Assert.Equal(OAuthConnectionState.ReauthorizationRequired, (await _source.GetStatusAsync()).State);
    }

    [Fact]
    public async Task ARefusedRefresh_IsAPersistedReauthorizationState_ThatANewAuthorizationClears()
    {
        await AuthorizeAsync();
        _time.Advance(TimeSpan.FromMinutes(29));
        _client.Fail(new BrokerException("schwab", BrokerErrorKind.Unauthorized, OAuthReasonCodes.GrantRefused, "token endpoint: 400 invalid_grant", 400));

        var error = await Assert.ThrowsAsync<BrokerException>(() => _source.GetAccessTokenAsync());
        Assert.Equal(OAuthReasonCodes.ReauthorizationRequired, error.ReasonCode);

        using (var restarted = NewSource())
        {
            Assert.Equal(OAuthConnectionState.ReauthorizationRequired, (await restarted.GetStatusAsync()).State);
            await Assert.ThrowsAsync<BrokerException>(() => restarted.GetAccessTokenAsync());
        }

        Assert.Equal(1, _client.Calls);
        await _source.StoreAuthorizationAsync(new OAuthTokenGrant("access-new", TimeSpan.FromMinutes(30), "refresh-new"));
        Assert.Equal("access-new", await _source.GetAccessTokenAsync());
        Assert.Equal(OAuthConnectionState.Connected, (await _source.GetStatusAsync()).State);
    }

    [Fact]
    public async Task ATransientRefreshFailure_InsideTheMargin_KeepsUsingTheStillValidToken()
    {
        await AuthorizeAsync();
        _time.Advance(TimeSpan.FromMinutes(29));
        _client.Fail(new BrokerException("schwab", BrokerErrorKind.Unavailable, BrokerReasonCodes.Unavailable, "token endpoint: 503", 503));

        Assert.Equal(Access1, await _source.GetAccessTokenAsync());
    }

    [Fact]
    public async Task NoAuthorization_IsNotAuthorized()
    {
        Assert.Equal(OAuthConnectionState.NotAuthorized, (await _source.GetStatusAsync()).State);
        var error = await Assert.ThrowsAsync<BrokerException>(() => _source.GetAccessTokenAsync());
        Assert.Equal(OAuthReasonCodes.NotAuthorized, error.ReasonCode);
    }

    [Fact]
    public async Task NoTokenAppears_InLogs_Exceptions_Statuses_OrToString()
    {
        await AuthorizeAsync();
        _time.Advance(TimeSpan.FromMinutes(29));
        _client.Answer(new OAuthTokenGrant("access-two-SECRET", TimeSpan.FromMinutes(30), "refresh-two-SECRET"));
        await _source.GetAccessTokenAsync();
        _time.Advance(TimeSpan.FromMinutes(29));
        _client.Fail(new BrokerException("schwab", BrokerErrorKind.Unauthorized, OAuthReasonCodes.GrantRefused, "token endpoint: 400 invalid_grant", 400));
        var error = await Assert.ThrowsAsync<BrokerException>(() => _source.GetAccessTokenAsync());

        var texts = _log.Lines.Concat([error.ToString(), (await _source.GetStatusAsync()).ToString(),
            new OAuthTokenSet(Access1, Start, Refresh1, null, Start).ToString(), new OAuthTokenGrant(Access1, TimeSpan.Zero, Refresh1).ToString()]);
        Assert.NotEmpty(_log.Lines);
        Assert.All(texts, t => Assert.DoesNotContain("SECRET", t, StringComparison.Ordinal));
    }
}
