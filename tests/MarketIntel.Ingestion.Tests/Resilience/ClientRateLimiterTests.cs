using System.Net;
using MarketIntel.Ingestion.Http;
using MarketIntel.Ingestion.Metrics;
using Microsoft.Extensions.Time.Testing;

namespace MarketIntel.Ingestion.Tests.Resilience;

public sealed class ClientRateLimiterTests
{
    [Fact]
    public async Task TheBurstPassesAtOnce_ThenEachRefillLetsThroughItsShare_InArrivalOrder()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 3, 4, 0, 0, 0, TimeSpan.Zero));
        var metrics = new IngestionMetrics(clock);
        using var limiter = new ClientRateLimiter("test", requestsPerPeriod: 2, TimeSpan.FromSeconds(1), burst: 3, clock, metrics);

        for (var i = 0; i < 3; i++)
        {
            Assert.True(limiter.AcquireAsync(CancellationToken.None).AsTask().IsCompletedSuccessfully);
        }

        var waiting = Enumerable.Range(0, 5).Select(_ => limiter.AcquireAsync(CancellationToken.None).AsTask()).ToList();
        Assert.All(waiting, t => Assert.False(t.IsCompleted));

        clock.Advance(TimeSpan.FromSeconds(1));
        await Task.WhenAll(waiting.Take(2)).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.All(waiting.Skip(2), t => Assert.False(t.IsCompleted));

        clock.Advance(TimeSpan.FromSeconds(1));
        await Task.WhenAll(waiting.Take(4)).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(waiting[4].IsCompleted);

        clock.Advance(TimeSpan.FromSeconds(1));
        await waiting[4].WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(5, metrics.Snapshot().For("test")!.RateLimiterWaits);
    }

    [Fact]
    public void RetryAfter_IsReadAsSecondsOrAsADate()
    {
        var now = new DateTimeOffset(2024, 3, 4, 12, 0, 0, TimeSpan.Zero);
        using var seconds = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        seconds.Headers.TryAddWithoutValidation("Retry-After", "7");
        using var date = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        date.Headers.TryAddWithoutValidation("Retry-After", "Mon, 04 Mar 2024 12:00:30 GMT");
        using var past = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        past.Headers.TryAddWithoutValidation("Retry-After", "Mon, 04 Mar 2024 11:59:00 GMT");
        using var none = new HttpResponseMessage(HttpStatusCode.TooManyRequests);

        Assert.Equal(TimeSpan.FromSeconds(7), ProviderResiliencePipeline.RetryAfter(seconds, now));
        Assert.Equal(TimeSpan.FromSeconds(30), ProviderResiliencePipeline.RetryAfter(date, now));
        Assert.Equal(TimeSpan.Zero, ProviderResiliencePipeline.RetryAfter(past, now));
        Assert.Null(ProviderResiliencePipeline.RetryAfter(none, now));
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData((HttpStatusCode)418, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.Unauthorized, false)]
    [InlineData(HttpStatusCode.NotFound, false)]
    public void OnlyThrottlingTimeoutsAndServerErrorsAreRetried(HttpStatusCode status, bool transient) =>
        Assert.Equal(transient, ProviderResiliencePipeline.IsTransient(status));

    [Fact]
    public void CredentialsInTheQuery_NeverReachTheArchiveKey()
    {
        Assert.Equal("/v2/aggs?cursor=abc&apiKey=REDACTED", RawArchiveHandler.RequestKey(new Uri("https://x/v2/aggs?cursor=abc&apiKey=SECRET")));
        Assert.Equal("/v2/stocks/bars?symbols=AAPL&page_token=tok", RawArchiveHandler.RequestKey(new Uri("https://x/v2/stocks/bars?symbols=AAPL&page_token=tok")));
    }
}
