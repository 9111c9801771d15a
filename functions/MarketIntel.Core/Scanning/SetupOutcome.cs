using System.Text.Json.Serialization;

namespace MarketIntel.Core.Scanning;

/// <summary>
/// What a setup did after its signal bar, measured from its entry (the signal close), signed so that positive is good
/// for the setup's side. Forward returns are close-to-close after 1, 5 and 20 bars (NaN past the data).
/// <see cref="MaxFavorable"/> and <see cref="MaxAdverse"/> are the best and worst excursions (fractions of the entry,
/// adverse ≤ 0) from the bar after the signal to the exit bar. <see cref="R"/> is the realized multiple of the risk
/// per share; NaN while <see cref="Exit"/> is <see cref="OutcomeExit.Open"/>.
/// </summary>
// Forward returns past the data are NaN: written as "NaN" whatever options serialize it, so the API's schema says so.
[JsonNumberHandling(JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals)]
public sealed record SetupOutcome(
    double Return1,
    double Return5,
    double Return20,
    double MaxFavorable,
    double MaxAdverse,
    OutcomeExit Exit,
    int ExitBars,
    double ExitPrice,
    double R)
{
    public bool Complete => Exit != OutcomeExit.Open;
}
