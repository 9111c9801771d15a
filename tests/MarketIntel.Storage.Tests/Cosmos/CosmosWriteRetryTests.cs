using System.Net;
using MarketIntel.Storage.Cosmos;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Time.Testing;

namespace MarketIntel.Storage.Tests.Cosmos;

/// <summary>
/// The retry policy alone, on a fake clock (no test sleeps): what is retried, how often, how long it waits, and what
/// the next attempt is told about the last one's outcome.
/// </summary>
public sealed class CosmosWriteRetryTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 2, 14, 30, 0, TimeSpan.Zero));

    [Fact]
    public async Task ConnectionRefusedThreeTimes_FourthAttemptSucceeds_AfterExponentialDelaysOnTheClock()
    {
        var retry = new CosmosWriteRetry(clock);
        var attempts = new List<DateTimeOffset>();

        var result = await RunOnFakeClockAsync(retry.ExecuteAsync((_, _) =>
        {
            attempts.Add(clock.GetUtcNow());
            return attempts.Count <= 3 ? throw Refused() : Task.FromResult(42);
        }));

        Assert.Equal(42, result);
        Assert.Equal(4, attempts.Count);
        // 200, 400, 800 ms, each jittered ±20 % (the fake clock moves in 50 ms steps).
        var waits = attempts.Zip(attempts.Skip(1), (a, b) => (b - a).TotalMilliseconds).ToList();
        Assert.All(waits.Zip(new[] { 200.0, 400.0, 800.0 }), w => Assert.InRange(w.First, w.Second * 0.8, (w.Second * 1.2) + 50));
    }

    [Fact]
    public async Task AnOutageLongerThanTheBudget_FailsWithTheLastError_AfterSixRetries()
    {
        var retry = new CosmosWriteRetry(clock);
        var attempts = 0;

        var error = await Assert.ThrowsAsync<CosmosException>(() => RunOnFakeClockAsync(retry.ExecuteAsync<int>((_, _) =>
        {
            attempts++;
            throw Status(HttpStatusCode.ServiceUnavailable);
        })));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal(7, attempts);
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.Conflict)]
    [InlineData(HttpStatusCode.PreconditionFailed)]
    [InlineData(HttpStatusCode.RequestEntityTooLarge)]
    [InlineData(HttpStatusCode.InternalServerError)]
    public async Task ClientErrorsAndConflicts_AreNeverRetried(HttpStatusCode status)
    {
        var retry = new CosmosWriteRetry(clock);
        var attempts = 0;

        var error = await Assert.ThrowsAsync<CosmosException>(() => retry.ExecuteAsync<int>((_, _) =>
        {
            attempts++;
            throw Status(status);
        }));

        Assert.Equal(status, error.StatusCode);
        Assert.Equal(1, attempts);
    }

    [Theory]
    [InlineData(HttpStatusCode.RequestTimeout, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.TooManyRequests, false)]
    [InlineData((HttpStatusCode)449, false)]
    public async Task TransientStatuses_AreRetried_AndTheNextAttemptKnowsWhetherTheLastMayHaveLanded(HttpStatusCode status, bool outcomeUnknown)
    {
        var retry = new CosmosWriteRetry(clock);
        var told = new List<bool>();

        await RunOnFakeClockAsync(retry.ExecuteAsync((earlierOutcomeUnknown, _) =>
        {
            told.Add(earlierOutcomeUnknown);
            return told.Count == 1 ? throw Status(status) : Task.FromResult(0);
        }));

        Assert.Equal(new[] { false, outcomeUnknown }, told);
    }

    [Fact]
    public async Task ABrokenConnectionOrATimeout_LeavesTheOutcomeUnknown_ARefusedConnectionDoesNot()
    {
        Assert.Equal(CosmosWriteFailure.NotApplied, CosmosWriteRetry.Classify(Refused(), CancellationToken.None));
        Assert.Equal(CosmosWriteFailure.OutcomeUnknown, CosmosWriteRetry.Classify(new HttpRequestException(HttpRequestError.ResponseEnded, "reset"), CancellationToken.None));
        Assert.Equal(CosmosWriteFailure.OutcomeUnknown, CosmosWriteRetry.Classify(new OperationCanceledException("request timeout"), CancellationToken.None));

        var retry = new CosmosWriteRetry(clock);
        var told = new List<bool>();
        await RunOnFakeClockAsync(retry.ExecuteAsync((earlierOutcomeUnknown, _) =>
        {
            told.Add(earlierOutcomeUnknown);
            return told.Count switch
            {
                1 => throw Refused(),
                2 => throw new HttpRequestException(HttpRequestError.ResponseEnded, "the response was cut off"),
                3 => throw Refused(),
                _ => Task.FromResult(0),
            };
        }));

        // Once unknown, it stays unknown: the write of attempt 2 may be stored whatever attempt 3 saw.
        Assert.Equal(new[] { false, false, true, true }, told);
    }

    [Fact]
    public async Task CancelledByTheCaller_IsNotRetried()
    {
        var retry = new CosmosWriteRetry(clock);
        using var cancel = new CancellationTokenSource();
        var attempts = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => retry.ExecuteAsync<int>((_, ct) =>
        {
            attempts++;
            cancel.Cancel();
            ct.ThrowIfCancellationRequested();
            return Task.FromResult(0);
        }, cancel.Token));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task NoRetries_FailsAtOnce()
    {
        var retry = new CosmosWriteRetry(clock, maxRetries: 0);
        var attempts = 0;

        await Assert.ThrowsAsync<HttpRequestException>(() => retry.ExecuteAsync<int>((_, _) =>
        {
            attempts++;
            throw Refused();
        }));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public void Delays_DoubleFrom200Milliseconds_WithinTwentyPercent_AtMostThirtySeconds()
    {
        var retry = new CosmosWriteRetry(clock);

        for (var attempt = 0; attempt < 6; attempt++)
        {
            var nominal = 200 * Math.Pow(2, attempt);
            Assert.InRange(retry.DelayBefore(attempt, Refused()).TotalMilliseconds, nominal * 0.8, nominal * 1.2);
        }

        Assert.Equal(TimeSpan.FromSeconds(30), retry.DelayBefore(12, Refused()));
    }

    private static HttpRequestException Refused() => new(HttpRequestError.ConnectionError, "Connection refused (127.0.0.1:8081)");

    private static CosmosException Status(HttpStatusCode status) => new("injected", status, 0, Guid.NewGuid().ToString(), 1);

    /// <summary>Advances the fake clock while the retry waits on it, so no test sleeps.</summary>
    private async Task<T> RunOnFakeClockAsync<T>(Task<T> running)
    {
        for (var i = 0; i < 10_000 && !running.IsCompleted; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(50));
            await Task.Yield();
        }

        return await running;
    }
}
