using System.Text.Json.Serialization;

namespace MarketIntel.Core.Scanning;

/// <summary>A two-sided confidence interval for an estimate; both ends NaN when the sample cannot give one.</summary>
// An undefined interval is NaN at both ends: written as "NaN" whatever options serialize it, so the API's schema says so.
[JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public readonly record struct ConfidenceInterval(double Low, double High)
{
    public static ConfidenceInterval Undefined => new(double.NaN, double.NaN);
}
