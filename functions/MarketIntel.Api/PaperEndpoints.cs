using MarketIntel.Core.Trading;
using MarketIntel.Pipeline.Automation;
using MarketIntel.Pipeline.Trading;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MarketIntel.Api;

/// <summary>
/// The paper-trading routes under <c>/api/paper/accounts</c>, thin over <see cref="PaperTrading"/>. Every bad input is a
/// 400 naming its field, an unknown account or order a 404, an illegal transition a 409; bodies reject unknown fields,
/// so a misspelt risk limit is an error rather than a limit silently not set.
/// </summary>
public static class PaperEndpoints
{
    public const int MaxDecisions = 500;

    public static Task<Results<Created<PaperAccountView>, Ok<PaperAccountView>, ProblemHttpResult>> OpenAccount(HttpRequest request, PaperTrading trading, CancellationToken cancellationToken) =>
        GuardCreated(async () =>
        {
            var body = await ReadAsync<PaperAccountRequest>(request, "{\"id\":\"demo\",\"settings\":{\"name\":\"Demo\",\"startingCash\":100000}}", cancellationToken);
            var (account, created) = await trading.OpenAsync(body.Id ?? string.Empty, body.Settings ?? new PaperAccountSettings(), cancellationToken);
            return (account, created ? $"/api/paper/accounts/{account.Id}" : null);
        });

    public static async Task<Ok<IReadOnlyList<PaperAccountIndexEntry>>> ListAccounts(PaperTrading trading, CancellationToken cancellationToken) =>
        TypedResults.Ok(await trading.ListAsync(cancellationToken));

    public static Task<Results<Ok<PaperAccountView>, ProblemHttpResult>> GetAccount(string id, PaperTrading trading, CancellationToken cancellationToken) =>
        Read(id, trading, PaperTrading.Summary, cancellationToken);

    public static Task<Results<Ok<PaperAccountView>, ProblemHttpResult>> ResetAccount(string id, PaperTrading trading, CancellationToken cancellationToken) =>
        Guard(() => trading.ResetAsync(id, cancellationToken));

    /// <summary>The kill switch: automation of the account is switched off first, so no automated order races the kill.</summary>
    public static Task<Results<Ok<PaperKillResult>, ProblemHttpResult>> Kill(string id, HttpRequest request, PaperTrading trading, SetupAutomation automation, CancellationToken cancellationToken) =>
        Guard(async () =>
        {
            var body = await ReadAsync<PaperKillRequest>(request, "{\"level\":\"flatten_all\"}", cancellationToken);
            if (!PaperNames.TryParse<KillSwitchLevel>(body.Level, out var level) || level == KillSwitchLevel.Off)
            {
                throw new PaperTradingException(400, "level", $"'{body.Level}' is not one of block_entries, cancel_all, flatten_all (a reset turns it off)");
            }

            await trading.LoadAsync(id, cancellationToken);
            await automation.StopAccountAsync(id, "kill_switch", cancellationToken);
            var orders = await trading.KillAsync(id, level, cancellationToken);
            return new PaperKillResult(PaperTrading.Summary(await trading.LoadAsync(id, cancellationToken)), orders);
        });

    public static Task<Results<Created<PaperOrderResult>, Ok<PaperOrderResult>, ProblemHttpResult>> SubmitOrder(string id, HttpRequest request, PaperTrading trading, CancellationToken cancellationToken) =>
        GuardCreated(async () =>
        {
            var body = await ReadAsync<PaperOrderBody>(request, "{\"clientOrderId\":\"o-1\",\"symbol\":\"SPY\",\"side\":\"buy\",\"type\":\"limit\",\"quantity\":10,\"limitPrice\":500,\"timeInForce\":\"day\"}", cancellationToken);
            return Submitted(id, await trading.SubmitAsync(id, body, cancellationToken));
        });

    public static Task<Results<Created<PaperOrderResult>, Ok<PaperOrderResult>, ProblemHttpResult>> TradeSetup(string id, HttpRequest request, PaperTrading trading, CancellationToken cancellationToken) =>
        GuardCreated(async () =>
        {
            var body = await ReadAsync<PaperTradeSetupRequest>(request, "{\"symbol\":\"SPY\"}", cancellationToken);
            if (!Core.Market.Symbol.IsValid(body.Symbol, out var reason))
            {
                throw new PaperTradingException(400, "symbol", reason);
            }

            return Submitted(id, await trading.TradeSetupAsync(id, body.Scan, body.Symbol!, body.ClientOrderId, cancellationToken));
        });

    public static Task<Results<Ok<PaperOrderView[]>, ProblemHttpResult>> ListOrders(string id, string? status, PaperTrading trading, CancellationToken cancellationToken)
    {
        if (status is not null and not "open" and not "all")
        {
            return Task.FromResult<Results<Ok<PaperOrderView[]>, ProblemHttpResult>>(Problem(new PaperTradingException(400, "status", $"'{status}' is not open or all")));
        }

        return Read(id, trading, s => (status == "open" ? s.Engine.Working : s.Engine.Orders).Select(o => PaperOrderView.Of(o, false)).ToArray(), cancellationToken);
    }

    public static Task<Results<Ok<PaperOrderView>, ProblemHttpResult>> GetOrder(string id, string clientOrderId, PaperTrading trading, CancellationToken cancellationToken) =>
        Read(id, trading, s => PaperOrderView.Of(s.Engine.Find(clientOrderId) ?? throw new PaperTradingException(404, "clientOrderId", $"order '{clientOrderId}' does not exist in account '{id}'"), true), cancellationToken);

    public static Task<Results<Ok<PaperOrderView>, ProblemHttpResult>> CancelOrder(string id, string clientOrderId, PaperTrading trading, CancellationToken cancellationToken) =>
        Guard(() => trading.CancelAsync(id, clientOrderId, cancellationToken));

    public static Task<Results<Ok<IReadOnlyList<PaperPositionView>>, ProblemHttpResult>> Positions(string id, PaperTrading trading, CancellationToken cancellationToken) =>
        Read(id, trading, PaperTrading.Positions, cancellationToken);

    public static Task<Results<Ok<PaperFillView[]>, ProblemHttpResult>> Fills(string id, PaperTrading trading, CancellationToken cancellationToken) =>
        Read(id, trading, s => s.Engine.Fills.Select(PaperFillView.Of).ToArray(), cancellationToken);

    public static Task<Results<Ok<IReadOnlyList<PaperLedgerEntryView>>, ProblemHttpResult>> Ledger(string id, PaperTrading trading, CancellationToken cancellationToken) =>
        Read(id, trading, PaperTrading.Ledger, cancellationToken);

    public static Task<Results<Ok<IReadOnlyList<PaperEquityPoint>>, ProblemHttpResult>> Equity(string id, PaperTrading trading, CancellationToken cancellationToken) =>
        Read(id, trading, s => s.EquityCurve, cancellationToken);

    /// <summary>The last risk decisions, newest first, each with every rule it ran, the inputs and the thresholds.</summary>
    public static Task<Results<Ok<RiskDecision[]>, ProblemHttpResult>> Decisions(string id, PaperTrading trading, CancellationToken cancellationToken) =>
        Read(id, trading, s => s.Engine.Decisions.Reverse().Take(MaxDecisions).ToArray(), cancellationToken);

    /// <summary>Evaluates the account's working orders on the bars stored since its last evaluation (what the pipeline does after each ingest).</summary>
    public static Task<Results<Ok<PaperAccountView>, ProblemHttpResult>> Evaluate(string id, PaperTrading trading, CancellationToken cancellationToken) =>
        Guard(async () =>
        {
            var state = await trading.LoadAsync(id, cancellationToken);
            await trading.EvaluateAsync(id, state.WatchedSymbols(), cancellationToken);
            return PaperTrading.Summary(await trading.LoadAsync(id, cancellationToken));
        });

    /// <summary>201 with the order's location for a new order (a rejected one too: it exists, with its reason), 200 for a repeated client order id.</summary>
    private static (PaperOrderResult, string?) Submitted(string id, (PaperOrderView Order, bool Duplicate, RiskDecision? Decision) r) =>
        (new PaperOrderResult(r.Order, r.Duplicate, r.Decision), r.Duplicate ? null : $"/api/paper/accounts/{id}/orders/{r.Order.ClientOrderId}");

    private static Task<Results<Ok<T>, ProblemHttpResult>> Read<T>(string id, PaperTrading trading, Func<PaperAccountState, T> view, CancellationToken cancellationToken) =>
        Guard(async () => view(await trading.LoadAsync(id, cancellationToken)));

    internal static async Task<Results<Ok<T>, ProblemHttpResult>> Guard<T>(Func<Task<T>> run)
    {
        try
        {
            return TypedResults.Ok(await run());
        }
        catch (PaperTradingException ex)
        {
            return Problem(ex);
        }
    }

    /// <summary>Created (at the location) when the use case made something new, else Ok with what already existed.</summary>
    private static async Task<Results<Created<T>, Ok<T>, ProblemHttpResult>> GuardCreated<T>(Func<Task<(T Value, string? Location)>> run)
    {
        try
        {
            var (value, location) = await run();
            return location is null ? TypedResults.Ok(value) : TypedResults.Created(location, value);
        }
        catch (PaperTradingException ex)
        {
            return Problem(ex);
        }
    }

    internal static ProblemHttpResult Problem(PaperTradingException ex) => TypedResults.Problem(
        title: ex.Status switch { 404 => "Not found", 409 => "Conflict", _ => "Invalid request" }, detail: $"{ex.Field}: {ex.Detail}", statusCode: ex.Status,
        extensions: new Dictionary<string, object?> { ["parameter"] = ex.Field });

    internal static Task<T> ReadAsync<T>(HttpRequest request, string example, CancellationToken cancellationToken)
        where T : class =>
        StrictJsonBody.ReadAsync<T>(request, example, (field, message) => new PaperTradingException(400, field, message), cancellationToken);
}
