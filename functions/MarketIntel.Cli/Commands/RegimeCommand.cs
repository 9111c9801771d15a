using System.CommandLine;
using System.Text.Json;
using MarketIntel.Core.Market.Csv;
using MarketIntel.Core.Regimes;

namespace MarketIntel.Cli.Commands;

/// <summary>
/// <c>marketintel regime</c>: fits a Gaussian HMM to a quotes file's log returns, writes
/// <c>timestamp,state,p0..</c> (Viterbi state, filtered probabilities; from the second bar on, timestamps as written in
/// the input) and prints the fitted model and the latest regime confidence as JSON.
/// </summary>
public static class RegimeCommand
{
    public static Command Create()
    {
        var quotes = new Option<string>("--quotes") { Description = "Quotes CSV: timestamp (or date),open,high,low,close,volume.", Required = true };
        var states = new Option<string>("--states") { Description = "Number of regimes (2-4).", DefaultValueFactory = _ => "2" };
        var seed = new Option<string>("--seed") { Description = "Seed of the Baum-Welch restarts.", DefaultValueFactory = _ => "1" };
        var restarts = new Option<string>("--restarts") { Description = "Seeded Baum-Welch restarts; the best likelihood wins.", DefaultValueFactory = _ => "8" };
        var range = new Option<bool>("--range") { Description = "Add each bar's log range ln(high/low) as a volatility feature." };
        var output = new Option<string>("--out") { Description = "Output CSV of states and filtered probabilities.", Required = true };
        var command = new Command("regime", "Detect market regimes with a hidden Markov model.") { quotes, states, seed, restarts, range, output };
        command.SetAction(parse =>
        {
            var options = new HmmFitOptions
            {
                States = (int)NumberArguments.Integer("--states", parse.GetValue(states), 2, 4),
                Seed = NumberArguments.Seed("--seed", parse.GetValue(seed)),
                Restarts = (int)NumberArguments.Integer("--restarts", parse.GetValue(restarts), 1, 1000),
            };
            return Run(CliArguments.ExistingFile("--quotes", parse.GetValue(quotes)), options, parse.GetValue(range), parse.GetValue(output)!, parse.InvocationConfiguration.Output);
        });
        return command;
    }

    public static int Run(string quotesPath, HmmFitOptions options, bool includeRange, string outPath, TextWriter output)
    {
        var quotes = QuoteCsvReader.ReadFile(quotesPath);
        var analysis = RegimeAnalyzer.Analyze(quotes.Bars, options, includeRange);
        var k = options.States;
        using (var writer = new StreamWriter(outPath))
        {
            writer.Write("timestamp,state");
            for (var s = 0; s < k; s++)
            {
                writer.Write($",p{s.ToString(System.Globalization.CultureInfo.InvariantCulture)}");
            }

            writer.Write('\n');
            for (var t = 0; t < analysis.Viterbi.Length; t++)
            {
                writer.Write(quotes.TimestampTexts[t + 1]);
                writer.Write(',');
                writer.Write(MarketText.Format(analysis.Viterbi[t]));
                foreach (var p in analysis.Filtered[t])
                {
                    writer.Write(',');
                    writer.Write(MarketText.Format(p));
                }

                writer.Write('\n');
            }
        }

        WriteModel(analysis, includeRange, quotes.TimestampTexts[^1], output);
        return CliRunner.Ok;
    }

    private static void WriteModel(RegimeAnalysis analysis, bool includeRange, string lastTimestamp, TextWriter output)
    {
        var fit = analysis.Fit;
        var model = fit.Model;
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("states", model.States);
            json.WriteNumber("observations", fit.Observations);
            json.WritePropertyName("features");
            JsonSerializer.Serialize(json, includeRange ? new[] { "logReturn", "logRange" } : ["logReturn"]);
            MonteCarloCommand.Number(json, "logLikelihood", fit.LogLikelihood);
            json.WriteNumber("iterations", fit.Iterations);
            json.WriteBoolean("converged", fit.Converged);
            json.WriteNumber("bestRestart", fit.BestRestart);
            MonteCarloCommand.Numbers(json, "restartLogLikelihoods", fit.RestartLogLikelihoods);
            json.WriteStartArray("regimes");
            var durations = fit.ExpectedDurations;
            for (var s = 0; s < model.States; s++)
            {
                json.WriteStartObject();
                json.WriteNumber("state", s);
                json.WriteString("label", fit.Labels[s]);
                MonteCarloCommand.Numbers(json, "mean", model.Means[s]);
                MonteCarloCommand.Numbers(json, "stdev", model.Variances[s].Select(Math.Sqrt));
                MonteCarloCommand.Number(json, "expectedDuration", durations[s]);
                MonteCarloCommand.Number(json, "initial", model.Initial[s]);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("transition");
            foreach (var row in model.Transition)
            {
                json.WriteStartArray();
                foreach (var p in row)
                {
                    json.WriteNumberValue(p);
                }

                json.WriteEndArray();
            }

            json.WriteEndArray();
            var latest = analysis.Confidence[^1];
            json.WriteStartObject("latest");
            json.WriteString("timestamp", lastTimestamp);
            json.WriteNumber("viterbiState", analysis.Viterbi[^1]);
            json.WriteNumber("filteredState", latest.State);
            json.WriteString("label", latest.Label);
            MonteCarloCommand.Numbers(json, "probabilities", analysis.Filtered[^1]);
            MonteCarloCommand.Number(json, "turbulence", latest.Turbulence);
            MonteCarloCommand.Number(json, "bullish", latest.Bullish);
            MonteCarloCommand.Number(json, "neutral", latest.Neutral);
            MonteCarloCommand.Number(json, "bearish", latest.Bearish);
            MonteCarloCommand.Number(json, "score", latest.Score);
            json.WriteBoolean("trendDefined", latest.TrendDefined);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
