using System.Net;
using System.Text;
using System.Threading.RateLimiting;
using MarketIntel.Core.Brokerage;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace MarketIntel.Brokers.Shared;

/// <summary>
/// One venue's HTTP requests: each attempt takes a permit of a client-side sliding-window limiter (under the venue's
/// published rate), a 429 is waited out by a Polly retry on the injected <see cref="TimeProvider"/> (Retry-After, else
/// the reset header, else exponential backoff), and each attempt has its own timeout on that clock. A timeout or a
/// dropped connection is a <see cref="BrokerException"/> of kind <see cref="BrokerErrorKind.Unavailable"/>; deciding
/// whether to send again is the adapter's job (never blindly for a submit). A 429 is answered before the venue does
/// anything, so retrying one is safe for every request. Headers (credentials) are set by the caller's callback and never logged.
/// </summary>
public sealed class VenueHttpPipeline : IDisposable
{
    private readonly HttpClient _http;
    private readonly string _broker;
    private readonly VenueHttpOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SlidingWindowRateLimiter _limiter;
    private readonly ResiliencePipeline<HttpResponseMessage> _rateLimitRetry;

    public VenueHttpPipeline(HttpClient http, string broker, VenueHttpOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _broker = broker;
        _options = options;
        _time = time;
        _logger = logger;
        _limiter = new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
        {
            PermitLimit = options.MaxRequestsPerMinute,
            Window = options.RateWindow,
            SegmentsPerWindow = 6,
            QueueLimit = 100_000,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
        _rateLimitRetry = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests),
                MaxRetryAttempts = options.MaxRateLimitRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
                Delay = options.RetryBaseDelay,
                DelayGenerator = args => ValueTask.FromResult(RetryAfterDelay.Of(args.Outcome.Result, _time.GetUtcNow())),
                OnRetry = args =>
                {
                    _logger.LogWarning("{Broker} answered 429; waiting {Delay} before attempt {Attempt}", _broker, args.RetryDelay, args.AttemptNumber + 2);
                    return default;
                },
            })
            .Build();
    }

    /// <summary>
    /// Sends <paramref name="method"/> to <paramref name="uri"/> with a JSON <paramref name="body"/> (or none);
    /// <paramref name="authorize"/> adds the credentials to each attempt's request.
    /// </summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri uri, string? body, Action<HttpRequestMessage> authorize, CancellationToken cancellationToken) =>
        SendAsync(method, uri, body is null ? null : () => new StringContent(body, Encoding.UTF8, "application/json"), authorize, cancellationToken);

    /// <summary>As above with any content (a form body for a token endpoint), made afresh for each attempt.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri uri, Func<HttpContent>? content, Action<HttpRequestMessage> authorize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uri);
        ArgumentNullException.ThrowIfNull(authorize);
        var what = $"{method} {uri.AbsolutePath}";
        return await _rateLimitRetry.ExecuteAsync(async token =>
        {
            using var lease = await _limiter.AcquireAsync(1, token).ConfigureAwait(false);
            if (!lease.IsAcquired)
            {
                throw new BrokerException(_broker, BrokerErrorKind.RateLimited, BrokerReasonCodes.RateLimited, "the client-side request queue is full");
            }

            using var request = new HttpRequestMessage(method, uri);
            authorize(request);
            if (content is not null)
            {
                request.Content = content();
            }

            using var timeout = new CancellationTokenSource(_options.RequestTimeout, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(token, timeout.Token);
            try
            {
                var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    _logger.LogWarning("{Broker} {Request}: 429", _broker, what);
                }

                return response;
            }
            catch (OperationCanceledException ex) when (!token.IsCancellationRequested)
            {
                throw new BrokerException(_broker, BrokerErrorKind.Unavailable, BrokerReasonCodes.UnknownOutcome, $"{what}: no answer within {_options.RequestTimeout}", null, ex);
            }
            catch (HttpRequestException ex)
            {
                throw new BrokerException(_broker, BrokerErrorKind.Unavailable, BrokerReasonCodes.Unavailable, $"{what}: {ex.Message}", null, ex);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The error a non-success answer means, by HTTP status (the venue's message kept, never a credential).</summary>
    public static BrokerException Failure(string broker, int status, string message, string what)
    {
        var text = $"{what}: {status} {message}";
        return status switch
        {
            401 => new BrokerException(broker, BrokerErrorKind.Unauthorized, BrokerReasonCodes.Unauthorized, text, status),
            403 => new BrokerException(broker, BrokerErrorKind.Unauthorized, BrokerReasonCodes.Forbidden, text, status),
            404 => new BrokerException(broker, BrokerErrorKind.NotFound, BrokerReasonCodes.OrderNotFound, text, status),
            422 => new BrokerException(broker, BrokerErrorKind.Conflict, BrokerReasonCodes.InvalidRequest, text, status),
            429 => new BrokerException(broker, BrokerErrorKind.RateLimited, BrokerReasonCodes.RateLimited, text, status),
            >= 500 => new BrokerException(broker, BrokerErrorKind.Unavailable, BrokerReasonCodes.Unavailable, text, status),
            _ => new BrokerException(broker, BrokerErrorKind.Protocol, BrokerReasonCodes.ProtocolError, text, status),
        };
    }

    public void Dispose() => _limiter.Dispose();
}
