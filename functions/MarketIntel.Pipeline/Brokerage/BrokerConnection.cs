using MarketIntel.Core.Brokerage;

namespace MarketIntel.Pipeline.Brokerage;

/// <summary>
/// One configured broker connection: its name, venue (<c>alpaca</c>, <c>tastytrade</c>, <c>schwab</c>), environment
/// (<c>paper</c>/<c>sandbox</c> or <c>live</c>) and how to open its adapter. Opening reads the credentials from the secret
/// store, so a connection exists before its credentials are stored (its status says <c>needs_credentials</c>) and takes
/// new ones without a restart.
/// </summary>
public sealed class BrokerConnection(string name, string venue, string environment, IReadOnlyList<string> credentialFields, Func<CancellationToken, Task<IBroker?>> open)
{
    public string Name { get; } = name;

    public string Venue { get; } = venue;

    public string Environment { get; } = environment;

    /// <summary>The fields of the credentials JSON the venue needs (<c>keyId</c>, <c>secretKey</c> for Alpaca); empty when it needs none.</summary>
    public IReadOnlyList<string> CredentialFields { get; } = credentialFields;

    /// <summary>The adapter, or null while the connection has no credentials.</summary>
    public Task<IBroker?> OpenAsync(CancellationToken cancellationToken) => open(cancellationToken);

    /// <summary>A connection over an adapter that needs nothing from the secret store (the paper broker, tests).</summary>
    public static BrokerConnection Of(string name, string venue, string environment, IBroker broker) =>
        new(name, venue, environment, [], _ => Task.FromResult<IBroker?>(broker));
}
