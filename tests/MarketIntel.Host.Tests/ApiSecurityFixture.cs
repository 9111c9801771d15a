namespace MarketIntel.Host.Tests;

/// <summary>The local host with a named read-only key besides its own key.</summary>
public sealed class ApiSecurityFixture : LocalHostFixture
{
    public const string ReadKey = "read-only-key-42";

    protected override string[] ExtraArgs =>
        [$"--Api:Keys:dashboard-viewer:Sha256={Convert.ToHexString(MarketIntel.Api.ApiKeyring.Hash(ReadKey))}", "--Api:Keys:dashboard-viewer:Scope=Read"];
}
