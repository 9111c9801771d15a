using System.CommandLine;
using System.Text.Json;
using MarketIntel.Core.Market.Csv;
using MarketIntel.Core.Regimes;
using MarketIntel.Core.Risk;

namespace MarketIntel.Cli.Commands;

/// <summary>
/// <c>marketintel montecarlo</c>: Monte Carlo risk of a GBM, a stationary bootstrap of a quotes file's returns, or a
/// regime-switching model fitted to it; prints the report as JSON. Results do not depend on <c>--batches</c> (only the
/// echoed <c>batches</c> field does).
/// </summary>
public static class MonteCarloCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "gbm, bootstrap or regime.", DefaultValueFactory = _ => "gbm" };
        var mu = new Option<string?>("--mu") { Description = "gbm: per-step mean simple return (drift)." };
        var sigma = new Option<string?>("--sigma") { Description = "gbm: per-step volatility (>= 0)." };
        var quotes = new Option<string?>("--quotes") { Description = "bootstrap/regime: quotes CSV whose closes give the history." };
        var block = new Option<string>("--block") { Description = "bootstrap: mean block length in bars.", DefaultValueFactory = _ => "10" };
        var states = new Option<string>("--states") { Description = "regime: HMM states (2-4).", DefaultValueFactory = _ => "2" };
        var horizon = new Option<string>("--horizon") { Description = "Steps per path.", Required = true };
        var paths = new Option<string>("--paths") { Description = "Number of paths.", DefaultValueFactory = _ => "100000" };
        var seed = new Option<string>("--seed") { Description = "Random seed (64-bit).", DefaultValueFactory = _ => "1" };
        var batches = new Option<string>("--batches") { Description = "Split the paths into this many batches and merge them (results are identical).", DefaultValueFactory = _ => "1" };
        var confidence = new Option<string[]>("--confidence") { Description = "VaR/CVaR confidence in (0,1); repeat for several (default 0.95 and 0.99).", AllowMultipleArgumentsPerToken = true };
        var loss = new Option<string[]>("--loss-threshold") { Description = "Report P(return < -threshold); repeat (default 0.05, 0.1, 0.2).", AllowMultipleArgumentsPerToken = true };
        var bins = new Option<string>("--bins") { Description = "Histogram bins.", DefaultValueFactory = _ => "50" };
        var periods = new Option<string>("--periods-per-year") { Description = "Annualization of per-path Sharpe ratios.", DefaultValueFactory = _ => "252" };
        var command = new Command("montecarlo", "Monte Carlo VaR, CVaR, drawdowns and Sharpe intervals.")
        {
            model, mu, sigma, quotes, block, states, horizon, paths, seed, batches, confidence, loss, bins, periods,
        };
        command.SetAction(parse =>
        {
            var pathCount = NumberArguments.Integer("--paths", parse.GetValue(paths), 1, 1L << 31);
            var spec = new MonteCarloSpec
            {
                Horizon = (int)NumberArguments.Integer("--horizon", parse.GetValue(horizon), 1, 100_000),
                Paths = pathCount,
                Seed = NumberArguments.Seed("--seed", parse.GetValue(seed)),
                Confidences = NumberArguments.Fractions("--confidence", parse.GetValue(confidence), [0.95, 0.99], inclusiveOne: false),
                LossThresholds = NumberArguments.Fractions("--loss-threshold", parse.GetValue(loss), [0.05, 0.1, 0.2], inclusiveOne: true),
                HistogramBins = (int)NumberArguments.Integer("--bins", parse.GetValue(bins), 1, 10_000),
                PeriodsPerYear = NumberArguments.Double("--periods-per-year", parse.GetValue(periods), v => v > 0, "a positive number"),
            };
            var batchCount = (int)NumberArguments.Integer("--batches", parse.GetValue(batches), 1, Math.Min(pathCount, 1_000_000));
            var pathModel = CreateModel(parse.GetValue(model), parse.GetValue(mu), parse.GetValue(sigma), parse.GetValue(quotes), parse.GetValue(block), parse.GetValue(states), spec.Seed);
            var report = new MonteCarloEngine(pathModel, spec).Run(batchCount);
            Write(report, parse.InvocationConfiguration.Output);
            return CliRunner.Ok;
        });
        return command;
    }

    private static IPathModel CreateModel(string? name, string? mu, string? sigma, string? quotesPath, string? block, string? states, ulong seed)
    {
        if (name != "gbm" && (mu is not null || sigma is not null))
        {
            throw new CliUsageException("--mu/--sigma apply to --model gbm only");
        }

        switch (name)
        {
            case "gbm":
                if (quotesPath is not null)
                {
                    throw new CliUsageException("--quotes applies to --model bootstrap or regime");
                }

                return new GbmModel(
                    NumberArguments.Double("--mu", mu ?? throw new CliUsageException("--mu is required for --model gbm"), v => v > -1, "a per-step drift above -1"),
                    NumberArguments.Double("--sigma", sigma ?? throw new CliUsageException("--sigma is required for --model gbm"), v => v >= 0, "a non-negative volatility"));
            case "bootstrap":
            {
                var closes = ReadQuotes(quotesPath, name).Bars.Select(b => b.Close).ToArray();
                return BootstrapModel.FromCloses(closes, NumberArguments.Double("--block", block, v => v >= 1, "a mean block length of at least 1"));
            }

            case "regime":
            {
                var quotes = ReadQuotes(quotesPath, name);
                var k = (int)NumberArguments.Integer("--states", states, 2, 4);
                var observations = RegimeFeatures.FromBars(quotes.Bars);
                var fit = GaussianHmm.Fit(observations, new HmmFitOptions { States = k, Seed = seed });
                var filtered = GaussianHmm.Filter(fit.Model, observations);
                return RegimeSwitchingModel.FromFilter(fit.Model, filtered[^1]);
            }

            default:
                throw new CliUsageException($"--model: expected gbm, bootstrap or regime, got '{name}'");
        }
    }

    private static QuoteFile ReadQuotes(string? quotesPath, string model) =>
        QuoteCsvReader.ReadFile(CliArguments.ExistingFile("--quotes", quotesPath ?? throw new CliUsageException($"--quotes is required for --model {model}")));

    /// <summary>The report as indented JSON; undefined values (NaN) are null, map keys are the invariant numbers.</summary>
    public static void Write(MonteCarloReport report, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            var inputs = report.Inputs;
            json.WriteStartObject();
            json.WriteString("model", inputs.Model);
            json.WriteNumber("paths", inputs.Paths);
            json.WriteNumber("horizon", inputs.Horizon);
            json.WriteNumber("seed", inputs.Seed);
            json.WriteNumber("batches", inputs.Batches);
            json.WriteStartObject("parameters");
            foreach (var (name, values) in inputs.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (values.Length == 1)
                {
                    Number(json, name, values[0]);
                }
                else
                {
                    Numbers(json, name, values);
                }
            }

            json.WriteEndObject();
            Map(json, "var", report.Tail.Select(t => (t.Confidence, t.ValueAtRisk)));
            Map(json, "cvar", report.Tail.Select(t => (t.Confidence, t.ConditionalValueAtRisk)));
            Map(json, "maxDrawdownQuantile", report.Tail.Select(t => (t.Confidence, t.MaxDrawdownQuantile)));
            Map(json, "lossProbability", report.Losses.Select(l => (l.Threshold, l.Probability)));
            json.WriteStartObject("terminalReturn");
            Number(json, "mean", report.TerminalMean);
            Number(json, "stdev", report.TerminalStandardDeviation);
            Number(json, "min", report.TerminalMin);
            Number(json, "max", report.TerminalMax);
            json.WriteEndObject();
            json.WriteStartObject("maxDrawdown");
            Number(json, "mean", report.DrawdownMean);
            Number(json, "binWidth", 1.0 / MonteCarloEngine.DrawdownBins);
            json.WritePropertyName("counts");
            JsonSerializer.Serialize(json, report.DrawdownHistogram);
            json.WriteEndObject();
            json.WriteStartObject("sharpe");
            Number(json, "mean", report.SharpeMean);
            Number(json, "level", inputs.SharpeIntervalLevel);
            Number(json, "low", report.SharpeLow);
            Number(json, "high", report.SharpeHigh);
            json.WriteNumber("paths", report.SharpePaths);
            json.WriteEndObject();
            json.WriteStartObject("histogram");
            Numbers(json, "edges", report.Histogram.Edges);
            json.WritePropertyName("counts");
            JsonSerializer.Serialize(json, report.Histogram.Counts);
            json.WriteNumber("underflow", report.Histogram.Underflow);
            json.WriteNumber("overflow", report.Histogram.Overflow);
            json.WriteEndObject();
            Number(json, "periodsPerYear", inputs.PeriodsPerYear);
            Number(json, "riskFreePerPeriod", inputs.RiskFreePerPeriod);
            json.WriteString("version", inputs.CodeVersion);
            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }

    internal static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    internal static void Numbers(Utf8JsonWriter json, string name, IEnumerable<double> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values)
        {
            if (double.IsFinite(v))
            {
                json.WriteNumberValue(v);
            }
            else
            {
                json.WriteNullValue();
            }
        }

        json.WriteEndArray();
    }

    private static void Map(Utf8JsonWriter json, string name, IEnumerable<(double Key, double Value)> entries)
    {
        json.WriteStartObject(name);
        foreach (var (key, value) in entries)
        {
            Number(json, MarketText.Format(key), value);
        }

        json.WriteEndObject();
    }
}
