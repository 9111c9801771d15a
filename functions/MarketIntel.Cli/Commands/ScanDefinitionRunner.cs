using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MarketIntel.Core.Indicators;
using MarketIntel.Core.Scanning;

namespace MarketIntel.Cli.Commands;

/// <summary>
/// <c>scan --scan FILE.json</c>: runs a scan definition and writes the setups, ranked (score descending, then symbol,
/// then time): those on each symbol's last bar, or with <c>--every-bar</c> every setup in the history. Columns:
/// <c>timestamp,symbol,rank,side,entry,stop,target,risk_per_share,score</c>, the five score components (0–1), then the
/// outcome (<c>return_1,return_5,return_20,mfe,mae,exit,exit_bars,exit_price,r,overlapping</c>; empty where not yet
/// known). The history's statistics go to <c>&lt;out&gt;.stats.json</c> beside the CSV.
/// </summary>
public static class ScanDefinitionRunner
{
    public static int Run(string? quotesPath, string definitionPath, bool everyBar, string outPath, int degree, TextWriter error)
    {
        ScanDefinition definition;
        try
        {
            definition = ScanDefinition.Load(definitionPath);
        }
        catch (FormatException ex)
        {
            throw new CliUsageException($"--scan {definitionPath}: {ex.Message}");
        }

        var inputs = QuoteSource.Load("--quotes", quotesPath);
        var universe = inputs.Select(q => new ScanSeries(q.Symbol, BarSeries.From(q.Quotes.Bars))).ToArray();
        var report = SetupScanner.Run(definition, universe, degree);
        var setups = everyBar ? SetupScanner.Rank(report.History) : report.Current;
        var texts = QuoteSource.TimestampTexts(inputs);
        WriteSetups(outPath, setups, texts);
        var statsPath = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(outPath)) ?? ".", Path.GetFileNameWithoutExtension(outPath) + ".stats.json");
        WriteStatistics(statsPath, report);
        foreach (var m in report.MissingSymbols)
        {
            error.WriteLine($"scan: warning: universe symbol '{m}' has no quotes");
        }

        var st = report.Statistics;
        error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"scan {definition.Name}: {report.Current.Count} current setup(s); history {st.Setups} setup(s), {st.Counted} counted, hit rate {st.HitRate:P1}, average R {st.AverageR:0.###}; written to {outPath} and {statsPath}"));
        return CliRunner.Ok;
    }

    private static void WriteSetups(string path, IReadOnlyList<TradeSetup> setups, Dictionary<string, Dictionary<DateTime, string>> texts)
    {
        using var writer = CsvOut.Create(path);
        writer.Write("timestamp,symbol,rank,side,entry,stop,target,risk_per_share,score,signal_strength,momentum,relative_volume,liquidity,regime_agreement,return_1,return_5,return_20,mfe,mae,exit,exit_bars,exit_price,r,overlapping\n");
        var line = new StringBuilder();
        for (var k = 0; k < setups.Count; k++)
        {
            var s = setups[k];
            var o = s.Outcome;
            line.Clear().Append(texts[s.Symbol][s.Time]).Append(',').Append(s.Symbol).Append(',').Append((k + 1).ToString(CultureInfo.InvariantCulture))
                .Append(',').Append(s.Side == Core.Backtesting.TradeSide.Long ? "long" : "short");
            foreach (var v in new[] { s.Entry, s.Stop, s.Target, s.RiskPerShare, s.Score })
            {
                line.Append(',').Append(CsvOut.Number(v));
            }

            foreach (var c in s.Components)
            {
                line.Append(',').Append(CsvOut.Number(c.Value));
            }

            foreach (var v in new[] { o.Return1, o.Return5, o.Return20, o.MaxFavorable, o.MaxAdverse })
            {
                line.Append(',').Append(CsvOut.Number(v));
            }

            line.Append(',').Append(o.Exit.ToString().ToLowerInvariant())
                .Append(',').Append(o.Complete ? o.ExitBars.ToString(CultureInfo.InvariantCulture) : string.Empty)
                .Append(',').Append(CsvOut.Number(o.ExitPrice))
                .Append(',').Append(CsvOut.Number(o.R))
                .Append(',').Append(s.Overlapping ? "true" : "false");
            writer.Write(line.Append('\n'));
        }
    }

    private static void WriteStatistics(string path, ScanReport report)
    {
        var s = report.Statistics;
        var json = new JsonObject
        {
            ["scan"] = report.Definition.Name,
            ["setups"] = s.Setups,
            ["overlapping"] = s.Overlapping,
            ["open"] = s.Open,
            ["counted"] = s.Counted,
            ["hits"] = s.Hits,
            ["stops"] = s.Stops,
            ["targets"] = s.Targets,
            ["horizonExits"] = s.HorizonExits,
            ["hitRate"] = CsvOut.Finite(s.HitRate),
            ["hitRateWilson95"] = Interval(s.HitRateInterval),
            ["averageR"] = CsvOut.Finite(s.AverageR),
            ["averageRT95"] = Interval(s.AverageRInterval),
            ["expectancy"] = CsvOut.Finite(s.Expectancy),
            ["meanReturn1"] = CsvOut.Finite(s.MeanReturn1),
            ["meanReturn5"] = CsvOut.Finite(s.MeanReturn5),
            ["meanReturn20"] = CsvOut.Finite(s.MeanReturn20),
            ["invalidStops"] = report.InvalidStops,
            ["missingSymbols"] = new JsonArray(report.MissingSymbols.Select(m => (JsonNode?)JsonValue.Create(m)).ToArray()),
        };
        File.WriteAllText(path, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n", new UTF8Encoding(false));
    }

    private static JsonArray Interval(ConfidenceInterval ci) => [CsvOut.Finite(ci.Low), CsvOut.Finite(ci.High)];

}
