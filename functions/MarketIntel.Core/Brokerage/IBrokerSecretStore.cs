namespace MarketIntel.Core.Brokerage;

/// <summary>
/// Where broker credentials and OAuth2 tokens live at rest, by name (<c>schwab/main/tokens</c>: lower-case letters,
/// digits, '-' and '/' separated segments, see <see cref="BrokerSecretName"/>). Locally the values are encrypted with
/// ASP.NET Core Data Protection under the data folder; in Azure they are Key Vault secrets read and written through the
/// app's managed identity. A value is opaque text to the store (an adapter serializes its tokens to JSON); no
/// implementation logs a value or puts one in an exception message.
/// </summary>
public interface IBrokerSecretStore
{
    /// <summary>The value stored under <paramref name="name"/>, or null when there is none.</summary>
    Task<string?> ReadAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Stores <paramref name="value"/> under <paramref name="name"/>, replacing what was there (a refreshed token replaces the old one).</summary>
    Task WriteAsync(string name, string value, CancellationToken cancellationToken = default);

    /// <summary>Removes the value (a disconnected broker); removing a name that is not there does nothing.</summary>
    Task DeleteAsync(string name, CancellationToken cancellationToken = default);
}
