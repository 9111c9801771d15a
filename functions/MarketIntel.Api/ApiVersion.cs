using MarketIntel.Pipeline;

namespace MarketIntel.Api;

/// <summary>The code version recorded with every stored result and reported by /api/health (one per build of the solution).</summary>
public static class ApiVersion
{
    public static string Current => PipelineVersion.Current;
}
