using System.Text.Json;
using MarketIntel.Core.Brokerage;
using MarketIntel.Pipeline.Trading;

namespace MarketIntel.Pipeline.Brokerage;

/// <summary>
/// The broker use cases the API calls: list the connections with their state, store a connection's credentials (in
/// the secret store: encrypted under the data folder locally, Key Vault in Azure; never returned, never logged),
/// reconcile now, and read the journaled orders and the reconciliations.
/// </summary>
public sealed class BrokerOperations(
    BrokerConnections connections, IBrokerSecretStore secrets, BrokerExecution execution, BrokerReconciler reconciler, BrokerStatusBoard board, TimeProvider time)
{
    public const int MaxCredentialLength = 4096;

    /// <summary>How long a consent started with <see cref="StartAuthorizationAsync"/> may take.</summary>
    public static readonly TimeSpan AuthorizationWindow = TimeSpan.FromMinutes(10);

    public async Task<List<BrokerConnectionView>> ListAsync(CancellationToken cancellationToken = default)
    {
        var views = new List<BrokerConnectionView>();
        foreach (var c in connections.All.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            views.Add(await ViewAsync(c, cancellationToken).ConfigureAwait(false));
        }

        return views;
    }

    /// <summary>
    /// Stores the credentials of <paramref name="name"/>: a JSON object with exactly the venue's fields, each a non-empty
    /// string (400 naming the field otherwise). The adapter is opened again with them at its next use.
    /// </summary>
    public async Task<BrokerConnectionView> SetCredentialsAsync(string name, JsonElement body, CancellationToken cancellationToken = default)
    {
        var connection = connections.Find(name) ?? throw new PaperTradingException(404, "connection", $"broker connection '{name}' is not configured");
        if (connection.CredentialFields.Count == 0)
        {
            throw new PaperTradingException(409, "connection", $"broker connection '{name}' ({connection.Venue}) takes no credentials");
        }

        if (body.ValueKind != JsonValueKind.Object)
        {
            throw new PaperTradingException(400, "body", $"a JSON object with {string.Join(", ", connection.CredentialFields)} is required");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in body.EnumerateObject())
        {
            if (!connection.CredentialFields.Contains(property.Name, StringComparer.Ordinal))
            {
                throw new PaperTradingException(400, property.Name, $"is not a credential of {connection.Venue} (expected {string.Join(", ", connection.CredentialFields)})");
            }

            if (property.Value.ValueKind != JsonValueKind.String || property.Value.GetString() is not { Length: > 0 and <= MaxCredentialLength } value || string.IsNullOrWhiteSpace(value))
            {
                throw new PaperTradingException(400, property.Name, $"must be a non-empty string of at most {MaxCredentialLength} characters");
            }

            values[property.Name] = value;
        }

        if (connection.CredentialFields.FirstOrDefault(f => !values.ContainsKey(f)) is { } missing)
        {
            throw new PaperTradingException(400, missing, "is required");
        }

        await secrets.WriteAsync(BrokerSecretName.Credentials(connection.Venue, connection.Name), JsonSerializer.Serialize(values), cancellationToken).ConfigureAwait(false);
        await connections.ResetAsync(name, cancellationToken).ConfigureAwait(false);
        board.SignalCredentials(name);
        return await ViewAsync(connection, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts a person's OAuth2 consent for an OAuth2 venue's connection (409 <c>connection</c> for a venue without one, 409
    /// <c>credentials</c> before its client credentials are stored): the venue's page and a fresh state.
    /// </summary>
    public async Task<BrokerAuthorizationStart> StartAuthorizationAsync(string name, CancellationToken cancellationToken = default)
    {
        var authorization = await AuthorizationAsync(name, cancellationToken).ConfigureAwait(false);
        var state = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        var expires = time.GetUtcNow().UtcDateTime + AuthorizationWindow;

        // Kept in the secret store, not in memory: the answer may reach another instance of a scaled-out app.
        var connection = connections.Find(name)!;
        await secrets.WriteAsync(ConsentName(connection), JsonSerializer.Serialize(new PendingConsent(state, expires)), cancellationToken).ConfigureAwait(false);
        return new BrokerAuthorizationStart(name, authorization.AuthorizeUrl(state), state, expires);
    }

    /// <summary>
    /// Ends the consent: the code is exchanged for tokens (stored by the adapter in the secret store) when the state is the
    /// one this process handed out, unused and not expired (400 <c>state</c> otherwise); the supervisor then connects.
    /// </summary>
    public async Task<BrokerConnectionView> CompleteAuthorizationAsync(string name, BrokerAuthorizationBody body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var (code, state) = (body.Code, body.State);
        if (body.RedirectUrl is { } redirect)
        {
            if (!Uri.TryCreate(redirect, UriKind.Absolute, out var url))
            {
                throw new PaperTradingException(400, "redirectUrl", "is not an absolute URL (paste the whole address the venue sent the browser to)");
            }

            var query = System.Web.HttpUtility.ParseQueryString(url.Query);
            code ??= query["code"];
            state ??= query["state"];
        }

        if (string.IsNullOrWhiteSpace(code))
        {
            throw new PaperTradingException(400, "code", "the authorization code is required (or the redirectUrl that carries it)");
        }

        var authorization = await AuthorizationAsync(name, cancellationToken).ConfigureAwait(false);
        var connection = connections.Find(name)!;
        var pending = await secrets.ReadAsync(ConsentName(connection), cancellationToken).ConfigureAwait(false) is { } text ? JsonSerializer.Deserialize<PendingConsent>(text) : null;
        if (pending is null || pending.State != state || pending.Expires < time.GetUtcNow().UtcDateTime)
        {
            throw new PaperTradingException(400, "state", "does not match a consent started here in the last 10 minutes (start again with GET .../authorize)");
        }

        // Used once, whatever the venue answers.
        await secrets.DeleteAsync(ConsentName(connection), cancellationToken).ConfigureAwait(false);
        await authorization.AuthorizeAsync(code, cancellationToken).ConfigureAwait(false);
        board.SignalCredentials(name);
        return await ViewAsync(connections.Find(name)!, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IBrokerAuthorization> AuthorizationAsync(string name, CancellationToken cancellationToken)
    {
        var connection = connections.Find(name) ?? throw new PaperTradingException(404, "connection", $"broker connection '{name}' is not configured");
        var broker = await connections.OpenAsync(name, cancellationToken).ConfigureAwait(false);
        return broker as IBrokerAuthorization
            ?? throw new PaperTradingException(409, "connection", $"broker connection '{name}' ({connection.Venue}) does not use OAuth2 consent");
    }

    public Task<BrokerReconciliationReport> ReconcileAsync(string name, CancellationToken cancellationToken = default) =>
        reconciler.ReconcileAsync(Known(name), "manual", cancellationToken);

    public Task<List<BrokerOrderRecord>> OrdersAsync(string name, CancellationToken cancellationToken = default) =>
        execution.OrdersAsync(Known(name), cancellationToken);

    public Task<List<BrokerReconciliationReport>> ReconciliationsAsync(string name, int count, CancellationToken cancellationToken = default) =>
        reconciler.HistoryAsync(Known(name), count, cancellationToken);

    private static string ConsentName(BrokerConnection connection) => $"{connection.Venue}/{connection.Name}/consent";

    private sealed record PendingConsent(string State, DateTime Expires);

    private string Known(string name) =>
        connections.Contains(name) ? name : throw new PaperTradingException(404, "connection", $"broker connection '{name}' is not configured");

    private async Task<BrokerConnectionView> ViewAsync(BrokerConnection c, CancellationToken cancellationToken)
    {
        var stored = c.CredentialFields.Count == 0
            || await secrets.ReadAsync(BrokerSecretName.Credentials(c.Venue, c.Name), cancellationToken).ConfigureAwait(false) is not null;
        var last = (await reconciler.HistoryAsync(c.Name, 1, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
        var broker = stored ? await connections.OpenAsync(c.Name, cancellationToken).ConfigureAwait(false) : null;
        var tokens = broker is IBrokerTokens withTokens ? await withTokens.GetTokenStatusAsync(cancellationToken).ConfigureAwait(false) : null;
        return new BrokerConnectionView(c.Name, c.Venue, c.Environment, stored, c.CredentialFields, board.Get(c.Name), last is null ? null : BrokerReconciliationSummary.Of(last), tokens,
            broker is IBrokerAuthorization);
    }
}
