using System.Text.Json;
using MarketIntel.Core.Brokerage;
using MarketIntel.Pipeline.Brokerage;
using MarketIntel.Pipeline.Trading;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MarketIntel.Api;

/// <summary>
/// The broker routes under <c>/api/brokers</c>, thin over <see cref="BrokerOperations"/>: the connections with their
/// state and last reconciliation, storing credentials (write key; never echoed), reconciling now, the journaled orders
/// (with their source and cause) and the stored reconciliations.
/// </summary>
public static class BrokerEndpoints
{
    public const int MaxReconciliations = 100;

    public static async Task<Ok<List<BrokerConnectionView>>> List(BrokerOperations brokers, CancellationToken cancellationToken) =>
        TypedResults.Ok(await brokers.ListAsync(cancellationToken));

    public static Task<Results<Ok<BrokerConnectionView>, ProblemHttpResult>> SetCredentials(string name, HttpRequest request, BrokerOperations brokers, CancellationToken cancellationToken) =>
        PaperEndpoints.Guard(async () =>
        {
            JsonElement body;
            try
            {
                using var document = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
                body = document.RootElement.Clone();
            }
            catch (JsonException e)
            {
                // The parser's message quotes no value, only where it stopped.
                throw new PaperTradingException(400, "body", $"not JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): expected {{\"keyId\":\"...\",\"secretKey\":\"...\"}} or the venue's fields");
            }

            return await brokers.SetCredentialsAsync(name, body, cancellationToken);
        });

    /// <summary>Starts a person's OAuth2 consent (Schwab, tastytrade): the venue's page to open and the state the answer must carry.</summary>
    public static Task<Results<Ok<BrokerAuthorizationStart>, ProblemHttpResult>> StartAuthorization(string name, BrokerOperations brokers, CancellationToken cancellationToken) =>
        VenueGuard(() => brokers.StartAuthorizationAsync(name, cancellationToken));

    /// <summary>Ends it: the redirect address (or code and state) is exchanged for tokens, stored encrypted; a code the venue refuses is a 400 naming <c>code</c>.</summary>
    public static Task<Results<Ok<BrokerConnectionView>, ProblemHttpResult>> CompleteAuthorization(string name, HttpRequest request, BrokerOperations brokers, CancellationToken cancellationToken) =>
        VenueGuard(async () =>
        {
            var body = await PaperEndpoints.ReadAsync<BrokerAuthorizationBody>(request, "{\"redirectUrl\":\"https://127.0.0.1/callback?code=...&state=...\"}", cancellationToken);
            return await brokers.CompleteAuthorizationAsync(name, body, cancellationToken);
        }, unauthorizedField: "code");

    public static Task<Results<Ok<BrokerReconciliationReport>, ProblemHttpResult>> Reconcile(string name, BrokerOperations brokers, CancellationToken cancellationToken) =>
        VenueGuard(() => brokers.ReconcileAsync(name, cancellationToken));

    public static Task<Results<Ok<List<BrokerOrderRecord>>, ProblemHttpResult>> Orders(string name, BrokerOperations brokers, CancellationToken cancellationToken) =>
        PaperEndpoints.Guard(() => brokers.OrdersAsync(name, cancellationToken));

    public static Task<Results<Ok<List<BrokerReconciliationReport>>, ProblemHttpResult>> Reconciliations(string name, string? limit, BrokerOperations brokers, CancellationToken cancellationToken)
    {
        if (!QueryParsing.TryLimit(limit, 20, MaxReconciliations, out var count, out var error))
        {
            return Task.FromResult<Results<Ok<List<BrokerReconciliationReport>>, ProblemHttpResult>>(PaperEndpoints.Problem(new PaperTradingException(400, "limit", error)));
        }

        return PaperEndpoints.Guard(() => brokers.ReconciliationsAsync(name, count, cancellationToken));
    }

    /// <summary>As <see cref="PaperEndpoints.Guard{T}"/>, and a venue that fails or refuses the call is a 502 naming the venue's reason.</summary>
    private static async Task<Results<Ok<T>, ProblemHttpResult>> VenueGuard<T>(Func<Task<T>> run, string unauthorizedField = "credentials")
    {
        try
        {
            return await PaperEndpoints.Guard(run);
        }
        catch (BrokerException e) when (e.Kind == BrokerErrorKind.Unauthorized)
        {
            // The venue refused the stored credentials or the consent code: the person's input is what is wrong.
            return PaperEndpoints.Problem(new PaperTradingException(400, unauthorizedField, $"refused by {e.Broker}: {e.ReasonCode}"));
        }
        catch (BrokerException e)
        {
            return TypedResults.Problem(title: "Broker unavailable", detail: $"{e.Broker}: {e.ReasonCode}", statusCode: StatusCodes.Status502BadGateway,
                extensions: new Dictionary<string, object?> { ["parameter"] = "connection", ["reason"] = e.ReasonCode });
        }
        catch (HttpRequestException e)
        {
            return TypedResults.Problem(title: "Broker unreachable", detail: e.HttpRequestError.ToString(), statusCode: StatusCodes.Status502BadGateway,
                extensions: new Dictionary<string, object?> { ["parameter"] = "connection" });
        }
    }
}
