using System.Globalization;

namespace MarketIntel.Core.Indicators.Catalog;

/// <summary>
/// One parameter of an indicator: its kind, default and valid range (inclusive), or its choices for a
/// <see cref="IndicatorParameterKind.Choice"/> (stored as the choice's index).
/// </summary>
public sealed record IndicatorParameter(string Name, IndicatorParameterKind Kind, double Default, double Min, double Max, IReadOnlyList<string> Choices)
{
    public static IndicatorParameter Int(string name, int defaultValue, int min = 1, int max = 100_000) =>
        new(name, IndicatorParameterKind.Integer, defaultValue, min, max, []);

    public static IndicatorParameter Real(string name, double defaultValue, double min, double max) =>
        new(name, IndicatorParameterKind.Real, defaultValue, min, max, []);

    public static IndicatorParameter Choice(string name, string defaultChoice, params string[] choices) =>
        new(name, IndicatorParameterKind.Choice, Array.IndexOf(choices, defaultChoice), 0, choices.Length - 1, choices);

    /// <summary>Parses a spec token; throws <see cref="ArgumentException"/> naming this parameter when it is not valid.</summary>
    public double Parse(string text)
    {
        double value;
        switch (Kind)
        {
            case IndicatorParameterKind.Integer:
                if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i))
                {
                    throw new ArgumentException($"{Name}: '{text}' is not a whole number ({Describe()})", Name);
                }

                value = i;
                break;
            case IndicatorParameterKind.Real:
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
                {
                    throw new ArgumentException($"{Name}: '{text}' is not a number ({Describe()})", Name);
                }

                break;
            default:
                value = -1;
                for (var c = 0; c < Choices.Count; c++)
                {
                    if (string.Equals(Choices[c], text, StringComparison.OrdinalIgnoreCase))
                    {
                        value = c;
                    }
                }

                if (value < 0)
                {
                    throw new ArgumentException($"{Name}: '{text}' is not one of {string.Join('|', Choices)}", Name);
                }

                break;
        }

        Validate(value);
        return value;
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> (parameter name = <see cref="Name"/>) for a value outside the range.</summary>
    public void Validate(double value)
    {
        if (!(value >= Min && value <= Max) || (Kind != IndicatorParameterKind.Real && value != Math.Floor(value)))
        {
            throw new ArgumentOutOfRangeException(Name, value, $"{Name} must be {Describe()}");
        }
    }

    public string FormatValue(double value) => Kind == IndicatorParameterKind.Choice
        ? Choices[(int)value]
        : value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The valid values, e.g. <c>integer 1..1000, default 14</c>.</summary>
    public string Describe() => Kind switch
    {
        IndicatorParameterKind.Integer => string.Create(CultureInfo.InvariantCulture, $"a whole number {Min}..{Max}, default {Default}"),
        IndicatorParameterKind.Real => string.Create(CultureInfo.InvariantCulture, $"a number {Min}..{Max}, default {Default}"),
        _ => $"one of {string.Join('|', Choices)}, default {Choices[(int)Default]}",
    };
}
