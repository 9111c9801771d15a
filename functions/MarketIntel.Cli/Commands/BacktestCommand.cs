using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MarketIntel.Core.Backtesting;
using MarketIntel.Core.Indicators;
using MarketIntel.Core.Market.Csv;
using MarketIntel.Core.Scanning;

namespace MarketIntel.Cli.Commands;

/// <summary>
/// <c>marketintel backtest --quotes FILE|DIR --strategy NAME [--param k=v ...] [--fill next-open] [--commission X]
/// [--slippage Y] [--quantity Q] --out DIR</c>. Writes <c>DIR/trades.csv</c>
/// (<c>entry_time,entry_price,exit_time,exit_price,quantity,pnl</c>, plus a trailing <c>symbol</c> column when the
/// quotes hold several symbols; times as written in the input, trades in exit order) and <c>DIR/metrics.json</c>.
/// <para>Costs: <c>--commission X</c> is a fixed amount of currency charged on every fill (an entry and an exit each
/// pay X, so a round trip pays 2X); <c>--slippage Y</c> is a fraction of the fill price, always adverse (buys at
/// price·(1+Y), sells at price·(1−Y)), on market and stop fills; a <c>limit:F</c> entry fills at its limit or better
/// and pays none (the execution model shared with paper trading). Prices in trades.csv are after slippage; pnl = (exit − entry)·quantity − 2X for
/// a long. A position still open after a symbol's last bar is closed at that bar's close, with the same costs.</para>
/// </summary>
public static class BacktestCommand
{
    public static Command Create()
    {
        var quotes = new Option<string>("--quotes") { Description = "Quotes CSV, or a folder of them (one symbol per file, named after the file)." };
        var strategy = new Option<string>("--strategy") { Description = "Built-in strategy (see --list), e.g. sma-cross." };
        var parameters = new Option<string[]>("--param") { Description = "Strategy parameter as name=value; repeatable (e.g. --param fast=10 --param slow=30).", AllowMultipleArgumentsPerToken = true };
        var fill = new Option<string>("--fill") { Description = "Fill model: next-open (default), next-close, limit:F, stop:F.", DefaultValueFactory = _ => "next-open" };
        var commission = new Option<double>("--commission") { Description = "Commission per fill, in currency (entries and exits each pay it)." };
        var slippage = new Option<double>("--slippage") { Description = "Adverse slippage as a fraction of the fill price (0.001 = 10 bp); limit fills pay none." };
        var quantity = new Option<double>("--quantity") { Description = "Units per trade.", DefaultValueFactory = _ => 1 };
        var capital = new Option<double>("--capital") { Description = "Initial capital.", DefaultValueFactory = _ => 100_000 };
        var trials = new Option<int>("--trials") { Description = "Strategy variants tried so far, for the deflated Sharpe ratio.", DefaultValueFactory = _ => 1 };
        var output = new Option<string>("--out") { Description = "Output folder." };
        var list = new Option<bool>("--list") { Description = "List the built-in strategies and their parameters." };
        var command = new Command("backtest", "Backtest a built-in strategy over quotes: trades and metrics.")
        {
            quotes, strategy, parameters, fill, commission, slippage, quantity, capital, trials, output, list,
        };
        command.SetAction(parse =>
        {
            if (parse.GetValue(list))
            {
                return List(parse.InvocationConfiguration.Output);
            }

            var name = parse.GetValue(strategy) ?? throw new CliUsageException("--strategy: give a strategy name (see --list)");
            var outDir = parse.GetValue(output) ?? throw new CliUsageException("--out: an output folder is required");
            var values = Parameters(parse.GetValue(parameters) ?? []);
            var options = new BacktestOptions
            {
                InitialCapital = Positive("--capital", parse.GetValue(capital)),
                Fill = FillModels.Parse(parse.GetValue(fill) ?? "next-open"),
                Commission = CommissionModels.PerFill(NonNegative("--commission", parse.GetValue(commission))),
                Slippage = SlippageModels.Fraction(NonNegative("--slippage", parse.GetValue(slippage))),
                Sizer = PositionSizers.Fixed(Positive("--quantity", parse.GetValue(quantity))),
                Trials = parse.GetValue(trials) >= 1 ? parse.GetValue(trials) : throw new CliUsageException("--trials: at least 1"),
            };
            var run = new RunDescription(name, values, parse.GetValue(fill) ?? "next-open", parse.GetValue(commission), parse.GetValue(slippage), parse.GetValue(quantity));
            return Run(parse.GetValue(quotes), run, options, outDir, parse.InvocationConfiguration.Error);
        });
        return command;
    }

    public static int List(TextWriter output)
    {
        foreach (var (name, title, ps) in StrategyCatalog.Describe())
        {
            output.WriteLine($"{name}  {title}");
            output.WriteLine($"    {StrategyCatalog.Create(name)}");
            output.WriteLine($"    parameters: {string.Join(", ", ps.Select(p => $"{p.Name}={p.Default.ToString(CultureInfo.InvariantCulture)}"))}");
        }

        return CliRunner.Ok;
    }

    public static int Run(string? quotesPath, RunDescription run, BacktestOptions options, string outDir, TextWriter error)
    {
        var strategy = StrategyCatalog.Create(run.Strategy, run.Parameters);
        var inputs = QuoteSource.Load("--quotes", quotesPath);
        var universe = inputs.Select(q => new ScanSeries(q.Symbol, BarSeries.From(q.Quotes.Bars))).ToArray();
        var result = BacktestEngine.Run(universe, strategy, options);
        Directory.CreateDirectory(outDir);
        WriteTrades(Path.Combine(outDir, "trades.csv"), result.Trades, inputs);
        WriteMetrics(Path.Combine(outDir, "metrics.json"), result.Metrics, run, strategy, inputs.Select(q => q.Symbol));
        error.WriteLine($"backtest: {strategy.Name} over {universe.Length} symbol(s): {result.Trades.Count} trade(s), total return {result.Metrics.TotalReturn.ToString("P2", CultureInfo.InvariantCulture)}; written to {outDir}");
        return CliRunner.Ok;
    }

    private static void WriteTrades(string path, IReadOnlyList<BacktestTrade> trades, IReadOnlyList<(string Symbol, QuoteFile Quotes)> inputs)
    {
        var many = inputs.Count > 1;
        var timeText = QuoteSource.TimestampTexts(inputs);
        using var writer = CsvOut.Create(path);
        writer.Write(many ? "entry_time,entry_price,exit_time,exit_price,quantity,pnl,symbol\n" : "entry_time,entry_price,exit_time,exit_price,quantity,pnl\n");
        var line = new StringBuilder();
        foreach (var t in trades)
        {
            var times = timeText[t.Symbol];
            line.Clear()
                .Append(times[t.EntryTime]).Append(',').Append(MarketText.Format(t.EntryPrice)).Append(',')
                .Append(times[t.ExitTime]).Append(',').Append(MarketText.Format(t.ExitPrice)).Append(',')
                .Append(MarketText.Format(t.Quantity)).Append(',').Append(MarketText.Format(t.Pnl));
            if (many)
            {
                line.Append(',').Append(t.Symbol);
            }

            writer.Write(line.Append('\n'));
        }
    }

    private static void WriteMetrics(string path, BacktestMetrics m, RunDescription run, ITradingStrategy strategy, IEnumerable<string> symbols)
    {
        var parameters = new JsonObject();
        foreach (var (k, v) in run.Parameters)
        {
            parameters[k] = v;
        }

        var json = new JsonObject
        {
            ["strategy"] = strategy.Name,
            ["rules"] = strategy.ToString(),
            ["parameters"] = parameters,
            ["fill"] = run.Fill,
            ["commissionPerFill"] = run.Commission,
            ["slippage"] = run.Slippage,
            ["quantity"] = run.Quantity,
            ["symbols"] = new JsonArray(symbols.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
            ["initialCapital"] = m.InitialCapital,
            ["finalEquity"] = CsvOut.Finite(m.FinalEquity),
            ["totalReturn"] = CsvOut.Finite(m.TotalReturn),
            ["annualizedReturn"] = CsvOut.Finite(m.AnnualizedReturn),
            ["volatility"] = CsvOut.Finite(m.Volatility),
            ["sharpe"] = CsvOut.Finite(m.Sharpe),
            ["sortino"] = CsvOut.Finite(m.Sortino),
            ["calmar"] = CsvOut.Finite(m.Calmar),
            ["maxDrawdown"] = CsvOut.Finite(m.MaxDrawdown),
            ["maxDrawdownBars"] = m.MaxDrawdownBars,
            ["maxDrawdownDays"] = m.MaxDrawdownDuration.TotalDays,
            ["longestDrawdownBars"] = m.LongestDrawdownBars,
            ["trades"] = m.TradeCount,
            ["winRate"] = CsvOut.Finite(m.WinRate),
            ["profitFactor"] = CsvOut.Finite(m.ProfitFactor),
            ["expectancy"] = CsvOut.Finite(m.Expectancy),
            ["exposure"] = CsvOut.Finite(m.Exposure),
            ["turnover"] = CsvOut.Finite(m.Turnover),
            ["periods"] = m.Periods,
            ["periodsPerYear"] = CsvOut.Finite(m.PeriodsPerYear),
            ["sharpePerPeriod"] = CsvOut.Finite(m.SharpePerPeriod),
            ["skewness"] = CsvOut.Finite(m.Skewness),
            ["kurtosis"] = CsvOut.Finite(m.Kurtosis),
            ["probabilisticSharpe"] = CsvOut.Finite(m.ProbabilisticSharpe),
            ["trials"] = m.Trials,
            ["deflatedSharpe"] = CsvOut.Finite(m.DeflatedSharpe),
        };
        File.WriteAllText(path, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n", new UTF8Encoding(false));
    }


    private static Dictionary<string, double> Parameters(string[] texts)
    {
        var result = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var text in texts)
        {
            var eq = text.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !double.TryParse(text.AsSpan(eq + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                throw new CliUsageException($"--param: '{text}' is not name=number");
            }

            result[text[..eq].Trim()] = value;
        }

        return result;
    }

    private static double Positive(string option, double v) => v > 0 && double.IsFinite(v) ? v : throw new CliUsageException($"{option}: must be a positive number");

    private static double NonNegative(string option, double v) => v >= 0 && double.IsFinite(v) ? v : throw new CliUsageException($"{option}: must be a number >= 0");

    /// <summary>The command line's choices, echoed into metrics.json.</summary>
    public sealed record RunDescription(string Strategy, IReadOnlyDictionary<string, double> Parameters, string Fill, double Commission, double Slippage, double Quantity);
}
