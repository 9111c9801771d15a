using MarketIntel.Core.Performance;
using MarketIntel.Core.Regimes;
using MarketIntel.Core.Risk;

namespace MarketIntel.Core.Tests.Risk;

public class RegimeSwitchingModelTests
{
    private static readonly HmmParameters Model = new(
        [0.5, 0.5], [[0.95, 0.05], [0.10, 0.90]], [[0.001], [-0.002]], [[0.0001], [0.0009]]);

    [Fact]
    public void FromStationaryStart_MeanLogReturnIsTheStationaryMixture()
    {
        const int paths = 20_000, horizon = 30;
        var stationary = Model.StationaryDistribution();
        Assert.Equal(2.0 / 3, stationary[0], 12);
        var model = new RegimeSwitchingModel(Model, stationary);
        var terminal = new double[paths];
        model.Simulate(5, horizon, 0, terminal, new double[paths], new double[paths]);
        var expected = horizon * ((2.0 / 3 * 0.001) + (1.0 / 3 * -0.002));
        var se = PerformanceMetrics.StandardDeviation(terminal) / Math.Sqrt(paths);
        Assert.InRange(terminal.Average(), expected - (4 * se), expected + (4 * se));
        Assert.Equal(expected / horizon, model.StepLogMean, 12);
    }

    [Fact]
    public void StartingInTheTurbulentState_RaisesShortHorizonRisk()
    {
        var calm = new MonteCarloEngine(new RegimeSwitchingModel(Model, [1, 0]), new MonteCarloSpec { Horizon = 5, Paths = 20_000, Seed = 1 }).Run(2);
        var turbulent = new MonteCarloEngine(new RegimeSwitchingModel(Model, [0, 1]), new MonteCarloSpec { Horizon = 5, Paths = 20_000, Seed = 1 }).Run(3);
        Assert.True(turbulent.Tail[0].ValueAtRisk > 2 * calm.Tail[0].ValueAtRisk);
    }

    [Fact]
    public void FromFilter_StartsOneTransitionAfterTheLastFilteredState()
    {
        var model = RegimeSwitchingModel.FromFilter(Model, [0.0, 1.0]);
        Assert.Equal([0.10, 0.90], model.Parameters["initial"]);
        Assert.Throws<ArgumentException>(() => new RegimeSwitchingModel(Model, [0.5, 0.6]));
    }
}
