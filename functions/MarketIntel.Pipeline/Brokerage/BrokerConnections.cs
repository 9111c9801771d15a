using MarketIntel.Core.Brokerage;

namespace MarketIntel.Pipeline.Brokerage;

/// <summary>
/// The broker connections this host has, by name (<c>alpaca-paper</c>): built once by the composition from the
/// <c>Brokers:Connections</c> settings. Empty by default: nothing reaches a broker unless a connection is configured.
/// </summary>
public sealed class BrokerConnections
{
    private readonly Dictionary<string, IBroker> _brokers;

    public BrokerConnections(IEnumerable<KeyValuePair<string, IBroker>> brokers)
    {
        ArgumentNullException.ThrowIfNull(brokers);
        _brokers = new Dictionary<string, IBroker>(brokers, StringComparer.Ordinal);
    }

    public static BrokerConnections None { get; } = new([]);

    public IReadOnlyCollection<string> Names => _brokers.Keys;

    public IBroker? Find(string name) => _brokers.GetValueOrDefault(name);
}
