using MarketIntel.Core.Regimes;

namespace MarketIntel.Core.Tests.Regimes;

/// <summary>Draws state and observation sequences from known HMM parameters, independently of the code under test.</summary>
internal static class HmmSimulator
{
    public static (int[] States, double[][] Observations) Simulate(HmmParameters model, int length, int seed)
    {
        var random = new Random(seed);
        var states = new int[length];
        var observations = new double[length][];
        var state = Draw(model.Initial, random.NextDouble());
        for (var t = 0; t < length; t++)
        {
            if (t > 0)
            {
                state = Draw(model.Transition[state], random.NextDouble());
            }

            states[t] = state;
            observations[t] = new double[model.Dimensions];
            for (var d = 0; d < model.Dimensions; d++)
            {
                var z = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
                observations[t][d] = model.Means[state][d] + (Math.Sqrt(model.Variances[state][d]) * z);
            }
        }

        return (states, observations);
    }

    private static int Draw(double[] p, double u)
    {
        for (var s = 0; s < p.Length - 1; s++)
        {
            u -= p[s];
            if (u < 0)
            {
                return s;
            }
        }

        return p.Length - 1;
    }
}
