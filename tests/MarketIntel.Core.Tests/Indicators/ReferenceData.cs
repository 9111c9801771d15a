using MarketIntel.Core.Indicators;
using MarketIntel.Core.Market.Csv;

namespace MarketIntel.Core.Tests.Indicators;

/// <summary>
/// The reference library's expected outputs, vendored under <c>tests/MarketIntel.Core.Tests/Reference</c> (found by
/// walking up from the test binaries to the repository root, so every test project and the benchmarks read one copy).
/// </summary>
public static class ReferenceData
{
    /// <summary>The vendored data's folder, relative to the repository root.</summary>
    public const string RelativeRoot = "tests/MarketIntel.Core.Tests/Reference";

    private static readonly Lazy<string> RootPath = new(FindRoot);
    private static readonly Dictionary<string, QuoteFile> Quotes = [];
    private static readonly Lock Gate = new();

    public static string Root => RootPath.Value;

    /// <summary>Quote sets with expected outputs: the folder under <c>expected/</c> and its quotes file.</summary>
    public static readonly (string Set, string Quotes, string Compare)[] Sets =
    [
        ("default", "default.csv", "compare.csv"),
        ("edge", "edge.csv", "edge-compare.csv"),
        ("edge-intraday", "edge-intraday.csv", ""),
    ];

    public static IReadOnlyList<string> ManifestSpecs()
    {
        var lines = File.ReadAllLines(Path.Combine(Root, "manifest.csv"));
        var specs = new List<string>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length > 0)
            {
                specs.Add(lines[i][..lines[i].IndexOf(',', StringComparison.Ordinal)]);
            }
        }

        return specs;
    }

    public static string ExpectedPath(string set, string spec) => Path.Combine(Root, "expected", set, spec + ".csv");

    public static QuoteFile QuoteFile(string name)
    {
        lock (Gate)
        {
            if (!Quotes.TryGetValue(name, out var file))
            {
                file = QuoteCsvReader.ReadFile(QuotePath(name));
                Quotes[name] = file;
            }

            return file;
        }
    }

    public static string QuotePath(string name) => Path.Combine(Root, "quotes", name);

    public static BarSeries Series(string name) => BarSeries.From(QuoteFile(name).Bars);

    /// <summary>The evaluated series and the market series of a spec on a quote set (market null for single-series specs).</summary>
    public static (QuoteFile Evaluated, QuoteFile? Market) Inputs(string set, string spec)
    {
        var s = Array.Find(Sets, x => x.Set == set);
        return spec.EndsWith("_compare_vs_default", StringComparison.Ordinal)
            ? (QuoteFile(s.Compare), QuoteFile(s.Quotes))
            : (QuoteFile(s.Quotes), null);
    }

    /// <summary>An expected file: header and rows of raw cells.</summary>
    public static (string[] Header, string[][] Rows) ReadExpected(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines[0].TrimStart('\uFEFF').Split(',');
        var rows = new List<string[]>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Length > 0)
            {
                rows.Add(lines[i].Split(','));
            }
        }

        return (header, [.. rows]);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, RelativeRoot);
            if (File.Exists(Path.Combine(candidate, "manifest.csv")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException(RelativeRoot + " not found above " + AppContext.BaseDirectory);
    }
}
