using System.Reflection;

namespace MarketIntel.Pipeline;

/// <summary>The code version recorded with pipeline results.</summary>
public static class PipelineVersion
{
    public static string Current { get; } =
        typeof(PipelineVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
