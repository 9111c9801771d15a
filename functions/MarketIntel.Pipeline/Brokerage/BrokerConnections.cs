using MarketIntel.Core.Brokerage;
using MarketIntel.Pipeline.Trading;

namespace MarketIntel.Pipeline.Brokerage;

/// <summary>
/// The broker connections this host has, by name (<c>alpaca-paper</c>): built once by the composition from the
/// <c>Brokers:Connections</c> settings. Empty by default: nothing reaches a broker unless a connection is configured.
/// An adapter is opened once its credentials are in the secret store and kept for the process's life.
/// </summary>
public sealed class BrokerConnections : IDisposable
{
    private readonly Dictionary<string, BrokerConnection> _connections;
    private readonly Dictionary<string, IBroker> _open = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    public BrokerConnections(IEnumerable<BrokerConnection> connections)
    {
        ArgumentNullException.ThrowIfNull(connections);
        _connections = connections.ToDictionary(c => c.Name, StringComparer.Ordinal);
    }

    public static BrokerConnections None { get; } = new([]);

    public IReadOnlyCollection<BrokerConnection> All => _connections.Values;

    public IReadOnlyCollection<string> Names => _connections.Keys;

    public bool Contains(string name) => _connections.ContainsKey(name);

    public BrokerConnection? Find(string name) => _connections.GetValueOrDefault(name);

    /// <summary>
    /// The connection's adapter: a 404 (field <c>connection</c>) for a name that is not configured, a 409 (field
    /// <c>credentials</c>) while its credentials are not stored.
    /// </summary>
    public async Task<IBroker> OpenAsync(string name, CancellationToken cancellationToken = default)
    {
        var connection = Find(name) ?? throw new PaperTradingException(404, "connection", $"broker connection '{name}' is not configured");
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            lock (_open)
            {
                if (_open.TryGetValue(name, out var open))
                {
                    return open;
                }
            }

            var broker = await connection.OpenAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new PaperTradingException(409, "credentials", $"broker connection '{name}' has no credentials yet (PUT /api/brokers/{name}/credentials)");
            lock (_open)
            {
                _open[name] = broker;
            }

            return broker;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The adapter if it is open already (nothing is read or opened).</summary>
    public IBroker? Opened(string name)
    {
        lock (_open)
        {
            return _open.GetValueOrDefault(name);
        }
    }

    /// <summary>Forgets the open adapter (new credentials were stored), so the next use opens it with them.</summary>
    public async Task ResetAsync(string name, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            IBroker? broker;
            lock (_open)
            {
                _open.Remove(name, out broker);
            }

            (broker as IDisposable)?.Dispose();
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        foreach (var broker in _open.Values.OfType<IDisposable>())
        {
            broker.Dispose();
        }

        _open.Clear();
        _gate.Dispose();
    }
}
