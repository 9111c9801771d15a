namespace MarketIntel.Core.Indicators.Catalog;

/// <summary>Validated parameter values of one indicator, by position (choices as their index).</summary>
public sealed class IndicatorArguments(IReadOnlyList<IndicatorParameter> parameters, double[] values)
{
    public IReadOnlyList<IndicatorParameter> Parameters { get; } = parameters;

    public IReadOnlyList<double> Values { get; } = values;

    public int Int(int index) => (int)Values[index];

    public double Real(int index) => Values[index];

    public string Choice(int index) => Parameters[index].Choices[(int)Values[index]];
}
