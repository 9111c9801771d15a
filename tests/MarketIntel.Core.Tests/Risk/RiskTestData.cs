namespace MarketIntel.Core.Tests.Risk;

/// <summary>
/// The 502 reference daily bars under <c>shared/reference</c>, found by walking up from the test binaries (the
/// repository clone has <c>shared</c> beside it, on developer machines and in CI alike).
/// </summary>
internal static class RiskTestData
{
    private static readonly Lazy<string> Quotes = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "shared", "reference", "indicators", "quotes", "default.csv");
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException("shared/reference/indicators/quotes/default.csv not found above " + AppContext.BaseDirectory);
    });

    public static string DefaultQuotes => Quotes.Value;
}
