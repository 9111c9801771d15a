using System.CommandLine;
using System.Text;
using MarketIntel.Core.Indicators;
using MarketIntel.Core.Indicators.Catalog;
using MarketIntel.Core.Market.Csv;

namespace MarketIntel.Cli.Commands;

/// <summary>
/// <c>marketintel indicators --quotes FILE [--compare FILE] --out DIR SPEC...</c>: writes <c>DIR/&lt;SPEC&gt;.csv</c>
/// (timestamp as written in the input, then every output column; warm-up cells empty). Multi-series specs evaluate
/// <c>--compare</c> against <c>--quotes</c> as the market. <c>--list</c> prints the catalog.
/// </summary>
public static class IndicatorsCommand
{
    public static Command Create()
    {
        var quotes = new Option<string>("--quotes") { Description = "Quotes CSV (timestamp|date,open,high,low,close,volume)." };
        var compare = new Option<string>("--compare") { Description = "Second quotes CSV: the evaluated series of multi-series specs (beta, corr, prs); --quotes is then the market." };
        var output = new Option<string>("--out") { Description = "Output folder." };
        var list = new Option<bool>("--list") { Description = "Print the catalog: spec patterns, parameters with defaults, outputs." };
        var specs = new Argument<string[]>("spec") { Description = "Indicator specs such as macd_12_26_9, psar_0.02_0.2 or a bare name for defaults.", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("indicators", "Evaluate technical indicators over a quotes file.") { quotes, compare, output, list, specs };
        command.SetAction(parse => parse.GetValue(list)
            ? List(parse.InvocationConfiguration.Output)
            : Run(
                CliArguments.ExistingFile("--quotes", parse.GetValue(quotes)),
                parse.GetValue(compare) is { } c ? CliArguments.ExistingFile("--compare", c) : null,
                parse.GetValue(output) ?? throw new CliUsageException("--out: an output folder is required"),
                parse.GetValue(specs) ?? [],
                parse.InvocationConfiguration.Error));
        return command;
    }

    public static int List(TextWriter output)
    {
        foreach (var d in IndicatorCatalog.All)
        {
            output.WriteLine($"{d.Pattern}  [{d.Category}] {d.Title}");
            foreach (var p in d.Parameters)
            {
                output.WriteLine($"    {p.Name}: {p.Describe()}");
            }

            output.WriteLine($"    outputs: {string.Join(", ", d.Outputs)}{(d.CreateStream is null && d.CreatePairStream is null ? string.Empty : "; streaming")}");
        }

        return CliRunner.Ok;
    }

    public static int Run(string quotesPath, string? comparePath, string outDir, string[] specTexts, TextWriter error)
    {
        if (specTexts.Length == 0)
        {
            throw new CliUsageException("give at least one indicator spec (see 'indicators --list')");
        }

        var specs = Array.ConvertAll(specTexts, IndicatorCatalog.Parse);
        var quotes = QuoteCsvReader.ReadFile(quotesPath);
        var compare = comparePath is null ? null : QuoteCsvReader.ReadFile(comparePath);
        var quoteSeries = BarSeries.From(quotes.Bars);
        var compareSeries = compare is null ? null : BarSeries.From(compare.Bars);
        Directory.CreateDirectory(outDir);
        foreach (var spec in specs)
        {
            var (file, series, market) = spec.Definition.RequiresMarket
                ? (compare ?? throw new CliUsageException($"{spec.Text}: --compare is required (the evaluated series; --quotes is the market)"), compareSeries!, quoteSeries)
                : (quotes, quoteSeries, (BarSeries?)null);
            var result = spec.Evaluate(series, market);
            Write(Path.Combine(outDir, spec.Text + ".csv"), result, file.TimestampTexts);
        }

        error.WriteLine($"indicators: {specs.Length} spec(s) over {quotes.Bars.Count} bars written to {outDir}");
        return CliRunner.Ok;
    }

    private static void Write(string path, IndicatorOutput result, IReadOnlyList<string> timestamps)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        var line = new StringBuilder("timestamp");
        foreach (var c in result.Columns)
        {
            line.Append(',').Append(c.Name);
        }

        writer.Write(line.Append('\n'));
        for (var r = 0; r < result.RowCount; r++)
        {
            line.Clear().Append(timestamps[result.BarIndex(r)]);
            foreach (var c in result.Columns)
            {
                line.Append(',').Append(c.Format(r));
            }

            writer.Write(line.Append('\n'));
        }
    }
}
