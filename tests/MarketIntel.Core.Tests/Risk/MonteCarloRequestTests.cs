using System.Text.Json;
using System.Text.Json.Serialization;
using MarketIntel.Core.Regimes;
using MarketIntel.Core.Risk;

namespace MarketIntel.Core.Tests.Risk;

public class MonteCarloRequestTests
{
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };
    private static readonly MonteCarloSpec Spec = new() { Horizon = 12, Paths = 4000, Seed = 77, Confidences = [0.9, 0.99] };

    public static TheoryData<string> Models => new() { "gbm", "portfolio-gbm", "bootstrap", "regime" };

    private static MonteCarloRequest Request(string model) => model switch
    {
        "gbm" => new MonteCarloRequest { Model = model, Spec = Spec, Mu = [0.0004], Sigma = [0.015] },
        "portfolio-gbm" => new MonteCarloRequest { Model = model, Spec = Spec, Mu = [0.0004, 0.0001], Sigma = [0.015, 0.01], Correlation = [1, 0.4, 0.4, 1], Weights = [0.7, 0.3] },
        "bootstrap" => new MonteCarloRequest { Model = model, Spec = Spec, History = Enumerable.Range(0, 100).Select(i => Math.Sin(i) * 0.02).ToArray(), MeanBlockLength = 4 },
        _ => new MonteCarloRequest { Model = model, Spec = Spec, Initial = [0.6, 0.4], Transition = [0.95, 0.05, 0.1, 0.9], Means = [0.001, -0.002], Variances = [0.0001, 0.0009] },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void BatchesRunFromAShippedRequest_MergeToTheLocalReport(string model)
    {
        var request = Request(model);
        var local = request.CreateEngine().Run(1);

        // Orchestrator: ship the request; workers rebuild the engine and return summaries as JSON.
        var text = JsonSerializer.Serialize(request, Json);
        var summaries = MonteCarloEngine.Split(Spec.Paths, 3).Select(b =>
        {
            var worker = JsonSerializer.Deserialize<MonteCarloRequest>(text, Json)!.CreateEngine();
            return JsonSerializer.Deserialize<MonteCarloBatchSummary>(JsonSerializer.Serialize(worker.RunBatch(b.FirstPath, b.Count), Json), Json)!;
        }).ToArray();
        var merged = request.CreateEngine().Report(MonteCarloBatchSummary.Merge(summaries), 1);

        Assert.Equal(JsonSerializer.Serialize(local, Json), JsonSerializer.Serialize(merged, Json));
        Assert.Equal(model, merged.Inputs.Model);
    }

    [Fact]
    public void RegimeRequest_DescribesTheSameModelAsTheHmmParameters()
    {
        var hmm = new HmmParameters([0.6, 0.4], [[0.95, 0.05], [0.1, 0.9]], [[0.001], [-0.002]], [[0.0001], [0.0009]]);
        var direct = new MonteCarloEngine(new RegimeSwitchingModel(hmm, [0.6, 0.4]), Spec).Run(2);
        Assert.Equal(JsonSerializer.Serialize(direct, Json), JsonSerializer.Serialize(Request("regime").CreateEngine().Run(2), Json));
    }

    [Fact]
    public void MissingOrMisshapenInputs_SayWhich()
    {
        Assert.Contains("Sigma is required", Assert.Throws<ArgumentException>(() => new MonteCarloRequest { Model = "gbm", Spec = Spec, Mu = [0.1] }.CreateModel()).Message, StringComparison.Ordinal);
        Assert.Contains("Correlation must hold 2x2", Assert.Throws<ArgumentException>(() => (Request("portfolio-gbm") with { Correlation = [1, 0, 1] }).CreateModel()).Message, StringComparison.Ordinal);
        Assert.Contains("unknown model", Assert.Throws<ArgumentException>(() => new MonteCarloRequest { Model = "garch", Spec = Spec }.CreateModel()).Message, StringComparison.Ordinal);
    }
}
