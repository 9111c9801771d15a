using System.Collections.Concurrent;
using MarketIntel.Core.Brokerage;

namespace MarketIntel.Brokers.Tests.Shared;

/// <summary>
/// A test double of our secret store port that behaves like a store: names validated by the same rule, values replaced
/// on write, writes that can be made to fail (to prove a rotated token is never used before it is stored), and a log of
/// what was written in order.
/// </summary>
public sealed class InMemoryBrokerSecretStore : IBrokerSecretStore
{
    private readonly ConcurrentDictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Name, string Value)> _writes = new();

    /// <summary>The next this many writes throw <see cref="IOException"/> and store nothing.</summary>
    public int FailNextWrites { get; set; }

    public IReadOnlyList<(string Name, string Value)> Writes => _writes.ToArray();

    public string? Peek(string name) => _values.TryGetValue(name, out var v) ? v : null;

    public Task<string?> ReadAsync(string name, CancellationToken cancellationToken = default) =>
        Task.FromResult(_values.TryGetValue(BrokerSecretName.Validate(name), out var v) ? v : null);

    public Task WriteAsync(string name, string value, CancellationToken cancellationToken = default)
    {
        BrokerSecretName.Validate(name);
        if (FailNextWrites > 0)
        {
            FailNextWrites--;
            throw new IOException("the secret store is unavailable");
        }

        _values[name] = value;
        _writes.Enqueue((name, value));
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        _values.TryRemove(BrokerSecretName.Validate(name), out _);
        return Task.CompletedTask;
    }
}
