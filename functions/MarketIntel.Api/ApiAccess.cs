namespace MarketIntel.Api;

/// <summary>Who may call a route: anyone (reads), or only a key holder (mutations: x-api-key locally, a function key in Azure).</summary>
public enum ApiAccess
{
    Read,
    Write,
}
