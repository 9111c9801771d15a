using System.Net;
using System.Net.Http.Headers;
using MarketIntel.Brokers.OAuth;
using MarketIntel.Core.Brokerage;
using MarketIntel.Core.Trading;

namespace MarketIntel.Brokers.Shared;

/// <summary>
/// The REST calls of one venue adapter over its own send (credentials, limiter, 429 waits and timeout live there): reads
/// that go unanswered are tried again with exponential backoff (they change nothing), failures become
/// <see cref="BrokerException"/>s by HTTP status with the venue's message (<c>errorText</c>), and a refused order is
/// reported as our port says. <see cref="Bearer"/> makes the send of an OAuth2 venue: the connection's bearer token
/// (refreshed ahead of expiry, and once on a 401) through its <see cref="VenueHttpPipeline"/>.
/// </summary>
public sealed class VenueRestClient(
    string broker,
    Func<HttpMethod, string, string?, CancellationToken, Task<HttpResponseMessage>> send,
    Func<string, string> errorText,
    TimeProvider time,
    int maxReadAttempts,
    TimeSpan retryDelay)
{
    /// <summary>The client of an OAuth2 venue at <paramref name="apiBase"/>: bearer token from <paramref name="tokens"/>, extra <paramref name="headers"/>.</summary>
    public static VenueRestClient Bearer(string broker, Uri apiBase, VenueHttpPipeline pipeline, OAuthTokenSource tokens, Func<string, string> errorText,
        Action<HttpRequestMessage>? headers, TimeProvider time, int maxReadAttempts, TimeSpan retryDelay)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(tokens);
        return new VenueRestClient(broker, (method, path, body, cancellationToken) =>
            tokens.SendAsync((token, ct) => pipeline.SendAsync(method, new Uri(apiBase, path), body, request =>
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                headers?.Invoke(request);
            }, ct), cancellationToken), errorText, time, maxReadAttempts, retryDelay);
    }

    public string Broker => broker;

    /// <summary>One request through the adapter's send.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body, CancellationToken cancellationToken) =>
        send(method, path, body, cancellationToken);

    /// <summary>A request whose non-success answer is an error; the body of the success.</summary>
    public async Task<string> CallAsync(HttpMethod method, string path, string? body, string what, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(method, path, body, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return response.IsSuccessStatusCode ? text : throw Failure((int)response.StatusCode, text, what);
    }

    /// <summary>A GET: 404 is null where allowed; an unanswered read is tried again.</summary>
    public async Task<string?> ReadAsync(string path, bool allowNotFound, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var response = await SendAsync(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
                var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    return text;
                }

                if (response.StatusCode == HttpStatusCode.NotFound && allowNotFound)
                {
                    return null;
                }

                throw Failure((int)response.StatusCode, text, "GET " + path.Split('?')[0]);
            }
            catch (BrokerException ex) when (ex.Kind == BrokerErrorKind.Unavailable && attempt < maxReadAttempts)
            {
                await Task.Delay(Backoff(attempt), time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The wait before attempt <paramref name="attempt"/> + 1: the base delay doubled per attempt, at most 32 times it.</summary>
    public TimeSpan Backoff(int attempt) => TimeSpan.FromTicks(retryDelay.Ticks * (1L << Math.Min(attempt - 1, 5)));

    /// <summary>A GET that must answer.</summary>
    public async Task<string> ReadRequiredAsync(string path, CancellationToken cancellationToken) =>
        (await ReadAsync(path, allowNotFound: false, cancellationToken).ConfigureAwait(false))!;

    public BrokerException Failure(int status, string body, string what) => VenueHttpPipeline.Failure(broker, status, errorText(body), what);

    /// <summary>A cancel or replace the order's state does not allow (400/422) is a conflict naming the order; other failures by status.</summary>
    public BrokerException StateFailure(int status, string body, string clientOrderId, string what) =>
        status is 400 or 422
            ? new BrokerException(broker, BrokerErrorKind.Conflict, BrokerReasonCodes.NotCancelable, $"'{clientOrderId}' cannot {what}: {errorText(body)}", status)
            : Failure(status, body, what);

    /// <summary>The order a venue refused outright, as our port reports it: status rejected with the reason code, never sent.</summary>
    public BrokerOrder Rejected(OrderRequest order, string reason, string venueStatus)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return new BrokerOrder(order.ClientOrderId, null, order.Symbol, order.Side, order.Type, order.Quantity, order.LimitPrice, order.StopPrice, order.TimeInForce,
            OrderStatus.Rejected, venueStatus, 0, null, now, now, reason);
    }
}
