using MarketIntel.Brokers.Secrets;
using MarketIntel.Core.Brokerage;

namespace MarketIntel.Brokers.Tests.Secrets;

/// <summary>The Key Vault names of broker secrets (the vault itself cannot be reached from here).</summary>
[Trait("Category", "Broker")]
public sealed class KeyVaultSecretStoreTests
{
    [Theory]
    [InlineData("schwab/main/tokens", "broker--schwab--main--tokens")]
    [InlineData("alpaca/paper-1/secret-key", "broker--alpaca--paper-1--secret-key")]
    [InlineData("x", "broker--x")]
    public void ANameMapsOntoKeyVaultsAlphabet(string name, string expected) =>
        Assert.Equal(expected, KeyVaultSecretStore.VaultName(name));

    [Fact]
    public void DistinctNames_NeverShareAVaultName_AndEveryVaultNameIsValidForKeyVault()
    {
        string[] names = ["a/b-c", "a-b/c", "a/b/c", "ab/c", "a/bc", "a-b-c", "schwab/main/tokens", "schwab/main-tokens", new string('z', 100)];
        var mapped = names.Select(KeyVaultSecretStore.VaultName).ToList();

        Assert.Equal(names.Length, mapped.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(mapped, m => Assert.Matches("^[0-9a-zA-Z-]{1,127}$", m));
    }
}
