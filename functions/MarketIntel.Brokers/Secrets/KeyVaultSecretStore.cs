using Azure;
using Azure.Security.KeyVault.Secrets;
using MarketIntel.Core.Brokerage;

namespace MarketIntel.Brokers.Secrets;

/// <summary>
/// Secrets at rest in Azure: Key Vault secrets, read and written by the Functions app's managed identity (the
/// "Key Vault Secrets Officer" role on the vault, in <c>infra/</c>). A name maps to <c>broker--{segments joined by --}</c>
/// (<c>schwab/main/tokens</c> → <c>broker--schwab--main--tokens</c>): Key Vault allows only letters, digits and '-', and
/// <see cref="BrokerSecretName"/> never has two '-' in a row, so the mapping cannot collide.
/// <para>Removing a value writes an empty version instead of deleting the secret: a deleted secret stays soft-deleted
/// (recoverable) for the vault's retention period and its name cannot be set again until purged, which would stop a
/// broker from being connected again. An empty value reads as none. Every version stays in the vault's history, which
/// is what an auditor of a trading system wants.</para>
/// <para>Not run here (no Key Vault from this machine); the name mapping is tested.</para>
/// </summary>
public sealed class KeyVaultSecretStore(SecretClient client) : IBrokerSecretStore
{
    public const string Prefix = "broker--";

    /// <summary>The Key Vault secret name for a store name.</summary>
    public static string VaultName(string name) => Prefix + BrokerSecretName.Validate(name).Replace("/", "--", StringComparison.Ordinal);

    public async Task<string?> ReadAsync(string name, CancellationToken cancellationToken = default)
    {
        try
        {
            var secret = await client.GetSecretAsync(VaultName(name), cancellationToken: cancellationToken).ConfigureAwait(false);
            return string.IsNullOrEmpty(secret.Value.Value) ? null : secret.Value.Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task WriteAsync(string name, string value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        var secret = new KeyVaultSecret(VaultName(name), value);
        secret.Properties.ContentType = "application/json";
        await client.SetSecretAsync(secret, cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        if (await ReadAsync(name, cancellationToken).ConfigureAwait(false) is not null)
        {
            await client.SetSecretAsync(new KeyVaultSecret(VaultName(name), ""), cancellationToken).ConfigureAwait(false);
        }
    }
}
