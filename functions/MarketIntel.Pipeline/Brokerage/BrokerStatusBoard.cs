using System.Collections.Concurrent;

namespace MarketIntel.Pipeline.Brokerage;

/// <summary>
/// The live state of each connection in this process (the supervisor writes it, <c>GET /api/brokers</c> reads it). In a
/// scaled-out Functions app each instance has its own; the stored reconciliations are shared.
/// </summary>
public sealed class BrokerStatusBoard(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, BrokerConnectionState> _states = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _credentialSignals = new(StringComparer.Ordinal);

    public BrokerConnectionState Get(string connection) =>
        _states.GetValueOrDefault(connection) ?? new BrokerConnectionState("stopped", null, null, null, 0, time.GetUtcNow().UtcDateTime);

    public void Set(string connection, string state, string? error = null) =>
        _states.AddOrUpdate(
            connection,
            _ => new BrokerConnectionState(state, error, state == "connected" ? Now : null, null, 0, Now),
            (_, old) => old with
            {
                State = state,
                Error = error,
                ConnectedSince = state == "connected" ? Now : state == "reconnecting" ? null : old.ConnectedSince,
                Reconnects = old.Reconnects + (state == "reconnecting" ? 1 : 0),
                Updated = Now,
            });

    public void Event(string connection) =>
        _states.AddOrUpdate(connection, _ => new BrokerConnectionState("connected", null, Now, Now, 0, Now), (_, old) => old with { LastEvent = Now, Updated = Now });

    /// <summary>
    /// Completes when credentials (or a consent) are stored for the connection, so the supervisor waits on it instead of
    /// polling. A signal given while nobody waited is kept and answers the next wait at once (and only that one): the
    /// supervisor may be between two waits when a person acts.
    /// </summary>
    public Task CredentialsStored(string connection)
    {
        var signal = _credentialSignals.GetOrAdd(connection, _ => NewSignal());
        if (signal.Task.IsCompleted)
        {
            _credentialSignals.TryRemove(new KeyValuePair<string, TaskCompletionSource>(connection, signal));
        }

        return signal.Task;
    }

    public void SignalCredentials(string connection) => _credentialSignals.GetOrAdd(connection, _ => NewSignal()).TrySetResult();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private DateTime Now => time.GetUtcNow().UtcDateTime;
}
