namespace MarketIntel.Core.Tests;

/// <summary>Locates <c>shared/reference</c>, which sits beside the repository (../shared from the repo root).</summary>
internal static class ReferenceData
{
    public static string Root { get; } = Locate();

    public static string IndicatorsRoot => Path.Combine(Root, "indicators");

    public static string QuotesPath(string file) => Path.Combine(IndicatorsRoot, "quotes", file);

    private static string Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "reference");
            if (Directory.Exists(candidate) && dir.GetDirectories(".git").Length == 0)
            {
                return candidate;
            }

            if (File.Exists(Path.Combine(dir.FullName, "Functions.sln")))
            {
                var beside = Path.Combine(dir.Parent?.FullName ?? dir.FullName, "shared", "reference");
                if (Directory.Exists(beside))
                {
                    return beside;
                }
            }
        }

        throw new DirectoryNotFoundException("shared/reference was not found beside the repository (expected ../shared/reference from the repo root).");
    }
}
