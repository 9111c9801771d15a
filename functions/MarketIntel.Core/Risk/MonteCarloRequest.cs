using MarketIntel.Core.Regimes;

namespace MarketIntel.Core.Risk;

/// <summary>
/// A complete, serializable description of a Monte Carlo run: the model by name with its inputs, and the spec. An
/// orchestrator sends it with each batch's path range to workers, which rebuild the same engine with
/// <see cref="CreateEngine"/>, run <see cref="MonteCarloEngine.RunBatch"/> and return the summary; the orchestrator
/// merges the summaries and calls <see cref="MonteCarloEngine.Report"/>. Models and their inputs:
/// gbm (<see cref="Mu"/>[0], <see cref="Sigma"/>[0]); portfolio-gbm (<see cref="Mu"/>, <see cref="Sigma"/>,
/// <see cref="Correlation"/> row by row, <see cref="Weights"/>); bootstrap (<see cref="History"/> simple returns,
/// <see cref="MeanBlockLength"/>); regime (<see cref="Initial"/>, <see cref="Transition"/> row by row,
/// <see cref="Means"/>, <see cref="Variances"/> of the log return per state).
/// </summary>
public sealed record MonteCarloRequest
{
    public required string Model { get; init; }

    public required MonteCarloSpec Spec { get; init; }

    public double[]? Mu { get; init; }

    public double[]? Sigma { get; init; }

    public double[]? Correlation { get; init; }

    public double[]? Weights { get; init; }

    public double[]? History { get; init; }

    public double MeanBlockLength { get; init; } = 10;

    public double[]? Initial { get; init; }

    public double[]? Transition { get; init; }

    public double[]? Means { get; init; }

    public double[]? Variances { get; init; }

    public MonteCarloEngine CreateEngine() => new(CreateModel(), Spec);

    public IPathModel CreateModel() => Model switch
    {
        "gbm" => new GbmModel(Single(Mu, nameof(Mu)), Single(Sigma, nameof(Sigma))),
        "portfolio-gbm" => new PortfolioGbmModel(Required(Mu, nameof(Mu)), Required(Sigma, nameof(Sigma)), Square(Correlation, Mu!.Length, nameof(Correlation)), Required(Weights, nameof(Weights))),
        "bootstrap" => new BootstrapModel(Required(History, nameof(History)), MeanBlockLength),
        "regime" => Regime(),
        _ => throw new ArgumentException($"unknown model '{Model}': expected gbm, portfolio-gbm, bootstrap or regime"),
    };

    private RegimeSwitchingModel Regime()
    {
        var initial = Required(Initial, nameof(Initial));
        var k = initial.Length;
        var transition = Square(Transition, k, nameof(Transition));
        var means = Required(Means, nameof(Means));
        var variances = Required(Variances, nameof(Variances));
        if (means.Length != k || variances.Length != k)
        {
            throw new ArgumentException($"regime: {k} states need {k} means and {k} variances");
        }

        var rows = Enumerable.Range(0, k).Select(i => Enumerable.Range(0, k).Select(j => transition[i, j]).ToArray()).ToArray();
        var model = new HmmParameters(initial, rows, means.Select(m => new[] { m }).ToArray(), variances.Select(v => new[] { v }).ToArray());
        return new RegimeSwitchingModel(model, initial);
    }

    private double[] Required(double[]? values, string name) =>
        values is { Length: > 0 } ? values : throw new ArgumentException($"{Model}: {name} is required");

    private double Single(double[]? values, string name) =>
        Required(values, name) is [var v] ? v : throw new ArgumentException($"{Model}: {name} must hold exactly one value");

    private double[,] Square(double[]? values, int n, string name)
    {
        var flat = Required(values, name);
        if (flat.Length != n * n)
        {
            throw new ArgumentException($"{Model}: {name} must hold {n}x{n} values row by row, got {flat.Length}");
        }

        var result = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                result[i, j] = flat[(i * n) + j];
            }
        }

        return result;
    }
}
