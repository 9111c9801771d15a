using System.Reflection;

namespace MarketIntel.Api;

/// <summary>The code version recorded with every stored result and reported by /api/health.</summary>
public static class ApiVersion
{
    public static string Current { get; } =
        typeof(ApiVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
