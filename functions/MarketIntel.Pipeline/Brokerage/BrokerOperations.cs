using System.Text.Json;
using MarketIntel.Core.Brokerage;
using MarketIntel.Pipeline.Trading;

namespace MarketIntel.Pipeline.Brokerage;

/// <summary>
/// The broker use cases the API calls: list the connections with their state, store a connection's credentials (in
/// the secret store: encrypted under the data folder locally, Key Vault in Azure; never returned, never logged),
/// reconcile now, and read the journaled orders and the reconciliations.
/// </summary>
public sealed class BrokerOperations(BrokerConnections connections, IBrokerSecretStore secrets, BrokerExecution execution, BrokerReconciler reconciler, BrokerStatusBoard board)
{
    public const int MaxCredentialLength = 4096;

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

    public Task<BrokerReconciliationReport> ReconcileAsync(string name, CancellationToken cancellationToken = default) =>
        reconciler.ReconcileAsync(Known(name), "manual", cancellationToken);

    public Task<List<BrokerOrderRecord>> OrdersAsync(string name, CancellationToken cancellationToken = default) =>
        execution.OrdersAsync(Known(name), cancellationToken);

    public Task<List<BrokerReconciliationReport>> ReconciliationsAsync(string name, int count, CancellationToken cancellationToken = default) =>
        reconciler.HistoryAsync(Known(name), count, cancellationToken);

    private string Known(string name) =>
        connections.Contains(name) ? name : throw new PaperTradingException(404, "connection", $"broker connection '{name}' is not configured");

    private async Task<BrokerConnectionView> ViewAsync(BrokerConnection c, CancellationToken cancellationToken)
    {
        var stored = c.CredentialFields.Count == 0
            || await secrets.ReadAsync(BrokerSecretName.Credentials(c.Venue, c.Name), cancellationToken).ConfigureAwait(false) is not null;
        var last = (await reconciler.HistoryAsync(c.Name, 1, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
        return new BrokerConnectionView(c.Name, c.Venue, c.Environment, stored, c.CredentialFields, board.Get(c.Name), last is null ? null : BrokerReconciliationSummary.Of(last));
    }
}
