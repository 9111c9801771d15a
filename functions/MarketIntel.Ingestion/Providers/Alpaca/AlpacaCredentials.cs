namespace MarketIntel.Ingestion.Providers.Alpaca;

/// <summary>An Alpaca API key pair, sent as <c>APCA-API-KEY-ID</c> and <c>APCA-API-SECRET-KEY</c>. Never logged or archived.</summary>
public sealed record AlpacaCredentials(string KeyId, string SecretKey)
{
    public override string ToString() => $"AlpacaCredentials {{ KeyId = {KeyId}, SecretKey = *** }}";
}
