using System.Globalization;
using MarketIntel.Pipeline.Automation;
using MarketIntel.Pipeline.Trading;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MarketIntel.Api;

/// <summary>
/// The automation routes under <c>/api/automation</c>, thin over <see cref="SetupAutomation"/>: the switches, switching
/// one on or off (write key), and an account's decisions of a day.
/// </summary>
public static class AutomationEndpoints
{
    public static async Task<Ok<List<AutomationRule>>> Rules(SetupAutomation automation, CancellationToken cancellationToken) =>
        TypedResults.Ok(await automation.RulesAsync(cancellationToken));

    public static Task<Results<Ok<AutomationRule>, ProblemHttpResult>> Set(string account, string strategy, HttpRequest request, SetupAutomation automation, CancellationToken cancellationToken) =>
        PaperEndpoints.Guard(async () =>
        {
            var body = await PaperEndpoints.ReadAsync<AutomationSwitch>(request, "{\"enabled\":true,\"dailyCap\":5,\"connection\":null}", cancellationToken);
            return await automation.SetAsync(account, strategy, body, cancellationToken);
        });

    public static Task<Results<Ok<List<AutomationDecision>>, ProblemHttpResult>> Decisions(string account, string? day, SetupAutomation automation, TimeProvider time, CancellationToken cancellationToken) =>
        PaperEndpoints.Guard(async () =>
        {
            var date = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            if (day is not null && !DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            {
                throw new PaperTradingException(400, "day", $"'{day}' is not a date (yyyy-MM-dd)");
            }

            if (!PaperTrading.IsValidAccountId(account))
            {
                throw new PaperTradingException(400, "account", $"'{account}' is not an account id");
            }

            return await automation.DecisionsAsync(account, date, cancellationToken);
        });
}
