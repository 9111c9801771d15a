using System.CommandLine;
using System.Text;
using MarketIntel.Core.Indicators;
using MarketIntel.Core.Market.Csv;
using MarketIntel.Core.Scanning;

namespace MarketIntel.Cli.Commands;

/// <summary>
/// <c>marketintel scan --quotes FILE|DIR (--rule EXPR [--every-bar] | --scan FILE.json) --out FILE</c>. With a rule it
/// writes <c>timestamp,symbol,close,&lt;term&gt;...</c> (timestamps as written in the input; a column per indicator
/// or function term of the rule; empty cells where undefined), one row per symbol whose last bar satisfies the rule,
/// or with <c>--every-bar</c> one per bar where the rule is defined and true, ordered by time then symbol. A rule
/// that does not parse exits with code 2 and the column of the problem. With a scan definition it writes ranked trade
/// setups (see <see cref="ScanDefinitionRunner"/>).
/// </summary>
public static class ScanCommand
{
    public static Command Create()
    {
        var quotes = new Option<string>("--quotes") { Description = "Quotes CSV, or a folder of them (one symbol per file, named after the file)." };
        var rule = new Option<string>("--rule") { Description = "Condition such as \"rsi(14) < 30 and close > sma(200)\"." };
        var everyBar = new Option<bool>("--every-bar") { Description = "Report every bar where the rule holds, not only each symbol's last bar." };
        var scan = new Option<string>("--scan") { Description = "A scan definition (JSON): writes ranked trade setups with their outcomes." };
        var output = new Option<string>("--out") { Description = "Output CSV file." };
        var parallelism = new Option<int>("--parallelism") { Description = "Symbols evaluated at once (default: processor count).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("scan", "Find the symbols and bars where a rule holds, or run a scan definition.") { quotes, rule, everyBar, scan, output, parallelism };
        command.SetAction(parse =>
        {
            var outPath = parse.GetValue(output) ?? throw new CliUsageException("--out: an output file is required");
            var degree = parse.GetValue(parallelism);
            if (degree < 1)
            {
                throw new CliUsageException("--parallelism: at least 1");
            }

            var ruleText = parse.GetValue(rule);
            var scanPath = parse.GetValue(scan);
            if ((ruleText is null) == (scanPath is null))
            {
                throw new CliUsageException("give either --rule or --scan");
            }

            return ruleText is not null
                ? RunRule(parse.GetValue(quotes), ruleText, parse.GetValue(everyBar), outPath, degree, parse.InvocationConfiguration.Error)
                : ScanDefinitionRunner.Run(parse.GetValue(quotes), CliArguments.ExistingFile("--scan", scanPath), parse.GetValue(everyBar), outPath, degree, parse.InvocationConfiguration.Error);
        });
        return command;
    }

    /// <summary>Parses a rule for a command line option, turning a syntax error into a usage error that shows where.</summary>
    public static ScanProgram Compile(string option, string text, bool condition)
    {
        try
        {
            return condition ? ScanProgram.Condition(text) : ScanProgram.Value(text);
        }
        catch (ScanSyntaxException ex)
        {
            throw new CliUsageException($"{option}: {ex.Message}\n  {text}\n  {new string(' ', Math.Max(0, ex.Column - 1))}^");
        }
    }

    public static int RunRule(string? quotesPath, string ruleText, bool everyBar, string outPath, int degree, TextWriter error)
    {
        var rule = Compile("--rule", ruleText, condition: true);
        var inputs = QuoteSource.Load("--quotes", quotesPath);
        var universe = inputs.Select(q => new ScanSeries(q.Symbol, BarSeries.From(q.Quotes.Bars))).ToArray();
        var termExprs = ScanTerms.Of(rule.Expression);
        var terms = termExprs.Select(ScanProgram.Compile).ToArray();
        var hits = Scanner.Scan(universe, rule, terms, new ScanOptions { EveryBar = everyBar, MaxDegreeOfParallelism = degree });
        var texts = inputs.ToDictionary(q => q.Symbol, q => q.Quotes.TimestampTexts, StringComparer.Ordinal);
        var closes = universe.ToDictionary(s => s.Symbol, s => s.Bars.Close, StringComparer.Ordinal);
        using (var writer = CsvOut.Create(outPath))
        {
            var line = new StringBuilder("timestamp,symbol,close");
            foreach (var t in termExprs)
            {
                line.Append(',').Append(CsvOut.Escape(t.ToString()));
            }

            writer.Write(line.Append('\n'));
            foreach (var h in hits)
            {
                line.Clear().Append(texts[h.Symbol][h.BarIndex]).Append(',').Append(h.Symbol).Append(',').Append(MarketText.Format(closes[h.Symbol][h.BarIndex]));
                foreach (var v in h.Values)
                {
                    line.Append(',').Append(CsvOut.Number(v));
                }

                writer.Write(line.Append('\n'));
            }
        }

        error.WriteLine($"scan: {hits.Count} hit(s) over {universe.Length} symbol(s) written to {outPath}");
        return CliRunner.Ok;
    }
}
