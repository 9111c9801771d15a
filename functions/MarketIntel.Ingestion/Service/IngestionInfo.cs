using System.Reflection;

namespace MarketIntel.Ingestion.Service;

/// <summary>Facts about this build of the ingestion code.</summary>
public static class IngestionInfo
{
    /// <summary>The informational version of this assembly (the MarketIntel version), without build metadata.</summary>
    public static string CodeVersion { get; } = Version();

    private static string Version()
    {
        var text = typeof(IngestionInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = text.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? text : text[..plus];
    }
}
