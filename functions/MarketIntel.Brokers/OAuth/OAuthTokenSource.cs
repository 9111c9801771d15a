using System.Text.Json;
using MarketIntel.Core.Brokerage;
using Microsoft.Extensions.Logging;

namespace MarketIntel.Brokers.OAuth;

/// <summary>
/// The tokens of one OAuth2 broker connection. It hands out an access token, refreshing it <see cref="OAuthTokenOptions.RefreshMargin"/>
/// ahead of its expiry; concurrent callers share one refresh (single flight); a request answered 401 refreshes once and is
/// sent again once (<see cref="SendAsync"/>). Every new token set is written to the secret store (<c>{broker}/{connection}/tokens</c>)
/// BEFORE it is used, so a rotated refresh token is never held only in memory; if that write fails the new set is kept
/// pending and written before anything else next time. A refused refresh (<c>invalid_grant</c>) or an expired refresh token
/// moves the connection to <see cref="OAuthConnectionState.ReauthorizationRequired"/>, persisted, and every call fails with
/// <see cref="OAuthReasonCodes.ReauthorizationRequired"/> until <see cref="StoreAuthorizationAsync"/> is given new tokens.
/// Tokens never reach a log line, an exception message or a <c>ToString</c>.
/// </summary>
public sealed class OAuthTokenSource : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly string _broker;
    private readonly string _connection;
    private readonly IOAuthTokenClient _client;
    private readonly IBrokerSecretStore _store;
    private readonly OAuthTokenOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private OAuthTokenSet? _tokens;
    private OAuthTokenSet? _pending;
    private bool _loaded;

    public OAuthTokenSource(string broker, string connection, IOAuthTokenClient client, IBrokerSecretStore store, OAuthTokenOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        _broker = broker;
        _connection = connection;
        SecretName = BrokerSecretName.Validate($"{broker}/{connection}/tokens");
        _client = client;
        _store = store;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Where the tokens are stored (<c>schwab/main/tokens</c>).</summary>
    public string SecretName { get; }

    /// <summary>The connection's status now (reads the store the first time).</summary>
    public async Task<OAuthConnectionStatus> GetStatusAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await LoadAsync(cancellationToken).ConfigureAwait(false);
            return StatusOf(_tokens);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Stores the tokens of a new authorization (the code exchange's answer) and clears a re-authorization state.
    /// The refresh token's expiry is the venue's when it says, else <see cref="OAuthTokenOptions.RefreshTokenLifetime"/> from now.
    /// </summary>
    public async Task StoreAuthorizationAsync(OAuthTokenGrant grant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grant);
        if (string.IsNullOrEmpty(grant.RefreshToken))
        {
            throw new ArgumentException("an authorization must carry a refresh token", nameof(grant));
        }

        var now = _time.GetUtcNow();
        var set = new OAuthTokenSet(grant.AccessToken, now + grant.ExpiresIn, grant.RefreshToken, RefreshExpiry(now, grant.RefreshTokenExpiresIn), now, now);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _loaded = true;
            _pending = null;
            await PersistAsync(set, cancellationToken).ConfigureAwait(false);
            _logger.LogInformation("{Broker} connection {Connection}: authorized; access token until {AccessExpires:o}, refresh token until {RefreshExpires:o}",
                _broker, _connection, set.AccessTokenExpires, set.RefreshTokenExpires);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A valid access token, refreshed first when it is within the margin of its expiry.</summary>
    public async Task<string> GetAccessTokenAsync(CancellationToken cancellationToken = default)
    {
        // The fast path: no lock while the token is comfortably valid.
        if (_tokens is { ReauthorizationRequired: false } current && _pending is null && _time.GetUtcNow() < current.AccessTokenExpires - _options.RefreshMargin)
        {
            return current.AccessToken;
        }

        return await RefreshAsync(rejected: null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends a request with the access token; when the venue answers 401 the token is refreshed once (unless another
    /// caller already did) and the request is sent once more with the new one. The second answer is returned whatever it is.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(Func<string, CancellationToken, Task<HttpResponseMessage>> send, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(send);
        var token = await GetAccessTokenAsync(cancellationToken).ConfigureAwait(false);
        var response = await send(token, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != System.Net.HttpStatusCode.Unauthorized)
        {
            return response;
        }

        response.Dispose();
        _logger.LogWarning("{Broker} connection {Connection}: the access token was refused (401); refreshing once and sending again", _broker, _connection);
        var fresh = await RefreshAsync(rejected: token, cancellationToken).ConfigureAwait(false);
        return await send(fresh, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => _gate.Dispose();

    private async Task<string> RefreshAsync(string? rejected, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await LoadAsync(cancellationToken).ConfigureAwait(false);
            if (_pending is { } pending)
            {
                // A set the venue issued whose write failed: it must be stored before it is used.
                await PersistAsync(pending, cancellationToken).ConfigureAwait(false);
                _pending = null;
            }

            var tokens = _tokens ?? throw Unauthorized(OAuthReasonCodes.NotAuthorized, "no tokens are stored; authorize the connection first");
            var now = _time.GetUtcNow();
            if (tokens.ReauthorizationRequired)
            {
                throw Unauthorized(OAuthReasonCodes.ReauthorizationRequired, "the refresh token was refused; authorize the connection again");
            }

            // Another caller refreshed while this one waited: its token is the answer (single flight).
            var stillGood = now < tokens.AccessTokenExpires - _options.RefreshMargin;
            if (stillGood && (rejected is null || rejected != tokens.AccessToken))
            {
                return tokens.AccessToken;
            }

            if (tokens.RefreshTokenExpires is { } refreshExpires && now >= refreshExpires)
            {
                await PersistAsync(tokens with { ReauthorizationRequired = true }, cancellationToken).ConfigureAwait(false);
                throw Unauthorized(OAuthReasonCodes.ReauthorizationRequired, $"the refresh token expired at {refreshExpires:o}; authorize the connection again");
            }

            OAuthTokenGrant grant;
            try
            {
                grant = await _client.RefreshAsync(tokens.RefreshToken, cancellationToken).ConfigureAwait(false);
            }
            catch (BrokerException ex) when (ex.ReasonCode == OAuthReasonCodes.GrantRefused)
            {
                await PersistAsync(tokens with { ReauthorizationRequired = true }, cancellationToken).ConfigureAwait(false);
                _logger.LogError("{Broker} connection {Connection}: the refresh token was refused; re-authorization required", _broker, _connection);
                throw Unauthorized(OAuthReasonCodes.ReauthorizationRequired, "the venue refused the refresh token; authorize the connection again");
            }
            catch (BrokerException ex) when (ex.Kind == BrokerErrorKind.Unavailable && now < tokens.AccessTokenExpires && rejected is null)
            {
                // A transient failure while the current token still works (inside the margin): use it, refresh next time.
                _logger.LogWarning("{Broker} connection {Connection}: refresh failed ({Reason}); the current token is valid until {Expires:o}", _broker, _connection, ex.ReasonCode, tokens.AccessTokenExpires);
                return tokens.AccessToken;
            }

            var rotated = grant.RefreshToken is { Length: > 0 } r && r != tokens.RefreshToken;
            var next = new OAuthTokenSet(
                grant.AccessToken,
                now + grant.ExpiresIn,
                rotated ? grant.RefreshToken! : tokens.RefreshToken,
                grant.RefreshTokenExpiresIn is { } lifetime ? now + lifetime : rotated ? RefreshExpiry(now, null) ?? tokens.RefreshTokenExpires : tokens.RefreshTokenExpires,
                tokens.AuthorizedAt,
                now);
            try
            {
                await PersistAsync(next, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Never lose a rotated refresh token: keep the set pending, and store it before it is ever handed out.
                _pending = next;
                _logger.LogError("{Broker} connection {Connection}: storing the refreshed tokens failed ({Error}); they are not used until stored", _broker, _connection, ex.GetType().Name);
                throw new BrokerException(_broker, BrokerErrorKind.Unavailable, BrokerReasonCodes.Unavailable, "the refreshed tokens could not be stored; they will be stored before use", null, ex);
            }

            _logger.LogInformation("{Broker} connection {Connection}: access token refreshed until {Expires:o}{Rotated}", _broker, _connection, next.AccessTokenExpires, rotated ? " (refresh token rotated)" : "");
            return next.AccessToken;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        if (_loaded)
        {
            return;
        }

        var text = await _store.ReadAsync(SecretName, cancellationToken).ConfigureAwait(false);
        if (text is not null)
        {
            try
            {
                _tokens = JsonSerializer.Deserialize<OAuthTokenSet>(text, Json) ?? throw new JsonException("null");
            }
            catch (JsonException ex)
            {
                // The message of a JsonException can quote the text: name the secret only.
                throw new BrokerException(_broker, BrokerErrorKind.Protocol, BrokerReasonCodes.ProtocolError, $"the stored tokens '{SecretName}' are not a token set (line {ex.LineNumber})");
            }
        }

        _loaded = true;
    }

    private async Task PersistAsync(OAuthTokenSet set, CancellationToken cancellationToken)
    {
        await _store.WriteAsync(SecretName, JsonSerializer.Serialize(set, Json), cancellationToken).ConfigureAwait(false);
        _tokens = set;
    }

    private DateTimeOffset? RefreshExpiry(DateTimeOffset now, TimeSpan? stated) =>
        stated is { } s ? now + s : _options.RefreshTokenLifetime is { } lifetime ? now + lifetime : null;

    private OAuthConnectionStatus StatusOf(OAuthTokenSet? tokens)
    {
        if (tokens is null)
        {
            return new OAuthConnectionStatus(_broker, _connection, OAuthConnectionState.NotAuthorized, null, null, null, "not authorized yet");
        }

        var now = _time.GetUtcNow();
        if (tokens.ReauthorizationRequired || tokens.RefreshTokenExpires <= now)
        {
            return new OAuthConnectionStatus(_broker, _connection, OAuthConnectionState.ReauthorizationRequired, tokens.AccessTokenExpires, tokens.RefreshTokenExpires, tokens.LastRefresh,
                "re-authorization required: the refresh token expired or was refused");
        }

        if (tokens.RefreshTokenExpires is { } expires && expires - now <= _options.RefreshTokenWarning)
        {
            var left = expires - now;
            return new OAuthConnectionStatus(_broker, _connection, OAuthConnectionState.RefreshTokenExpiring, tokens.AccessTokenExpires, expires, tokens.LastRefresh,
                $"the refresh token expires at {expires:o} (in {Math.Floor(left.TotalHours)} h {left.Minutes} min); authorize the connection again before then");
        }

        return new OAuthConnectionStatus(_broker, _connection, OAuthConnectionState.Connected, tokens.AccessTokenExpires, tokens.RefreshTokenExpires, tokens.LastRefresh, null);
    }

    private BrokerException Unauthorized(string reason, string message) =>
        new(_broker, BrokerErrorKind.Unauthorized, reason, $"connection '{_connection}': {message}");
}
