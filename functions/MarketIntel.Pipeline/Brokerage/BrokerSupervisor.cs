using MarketIntel.Core.Brokerage;
using MarketIntel.Ingestion.Service;
using MarketIntel.Pipeline.Trading;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MarketIntel.Pipeline.Brokerage;

/// <summary>
/// Keeps each configured broker connection in step with the journal, in both hosts: once its credentials are stored,
/// a reconciliation (<c>start</c>), then the venue's order events applied to the journaled orders as they come; when the
/// stream fails or ends, a wait (1 s doubling to 60 s), a reconciliation (<c>reconnect</c>) and the stream again. The
/// adapters catch up on events themselves where their venue allows; the reconciliation is what makes a missed fill
/// impossible to lose whatever the adapter does. Does nothing when no connection is configured.
/// </summary>
public sealed partial class BrokerSupervisor(
    BrokerConnections connections, BrokerExecution execution, BrokerReconciler reconciler, BrokerStatusBoard board, TimeProvider time, ILogger<BrokerSupervisor> logger,
    IngestionEventLog? events = null)
    : BackgroundService
{
    /// <summary>How often an OAuth2 connection's token status is looked at (a change that needs a person becomes a system event).</summary>
    public static readonly TimeSpan TokenCheckInterval = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(60);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(connections.Names.SelectMany(name => new[]
        {
            Task.Run(() => SuperviseAsync(name, stoppingToken), stoppingToken),
            Task.Run(() => WatchTokensAsync(name, stoppingToken), stoppingToken),
        }));

    /// <summary>
    /// Warns once per change, as a system event (<c>broker.token</c>) and in the log, when an OAuth2 connection's tokens
    /// need a person: consent never given, a refresh token about to expire, or consent needed again.
    /// </summary>
    public async Task WatchTokensAsync(string name, CancellationToken stoppingToken)
    {
        string? last = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (connections.Opened(name) is IBrokerTokens tokens)
            {
                var status = await StatusAsync(tokens, stoppingToken).ConfigureAwait(false);
                if (status is not null && status.State != last)
                {
                    last = status.State;
                    if (status.NeedsAttention)
                    {
                        LogTokens(logger, name, status.State, status.Warning ?? "");
                        if (events is not null)
                        {
                            await events.WriteAsync(new IngestionEvent("broker.token", status.State == BrokerTokenStatus.RefreshTokenExpiring ? "warning" : "error",
                                "broker/" + name, null, null, status.Warning ?? $"broker connection '{name}': {status.State}",
                                Details: [$"refresh token expires {status.RefreshTokenExpires:O}", $"access token expires {status.AccessTokenExpires:O}"]), stoppingToken).ConfigureAwait(false);
                        }
                    }
                }
            }

            try
            {
                await Task.Delay(TokenCheckInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<BrokerTokenStatus?> StatusAsync(IBrokerTokens tokens, CancellationToken stoppingToken)
    {
        try
        {
            return await tokens.GetTokenStatusAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The stored tokens could not be read this time (a store outage); the next look may succeed.
            LogTokenStatusFailed(logger, e.GetType().Name, e.Message);
            return null;
        }
    }

    /// <summary>One connection's loop, until <paramref name="stoppingToken"/>.</summary>
    public async Task SuperviseAsync(string name, CancellationToken stoppingToken)
    {
        var trigger = "start";
        var delay = FirstRetryDelay;
        board.Set(name, "starting");
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var broker = await connections.OpenAsync(name, stoppingToken).ConfigureAwait(false);
                if (broker is IBrokerTokens tokens
                    && await tokens.GetTokenStatusAsync(stoppingToken).ConfigureAwait(false) is { State: BrokerTokenStatus.NotAuthorized or BrokerTokenStatus.ReauthorizationRequired } status)
                {
                    // Nothing can be done until a person consents or stores a new grant (POST .../authorize or PUT .../credentials wakes this loop).
                    board.Set(name, "needs_authorization", status.Warning);
                    await Task.WhenAny(board.CredentialsStored(name), Task.Delay(MaxRetryDelay, time, stoppingToken)).ConfigureAwait(false);
                    continue;
                }

                if (board.Get(name).State is "needs_credentials" or "needs_authorization")
                {
                    // What a person did unblocked it: say so at once, not when the venue first answers.
                    board.Set(name, "starting");
                }

                await reconciler.ReconcileAsync(name, trigger, stoppingToken).ConfigureAwait(false);
                board.Set(name, "connected");
                delay = FirstRetryDelay;
                await foreach (var e in broker.StreamOrderEventsAsync(stoppingToken).ConfigureAwait(false))
                {
                    board.Event(name);
                    if (e.IsError)
                    {
                        LogStreamError(logger, name, e.ClientOrderId, e.Error!);
                        continue;
                    }

                    if (await execution.GetAsync(name, e.ClientOrderId, stoppingToken).ConfigureAwait(false) is not null)
                    {
                        var order = await execution.ApplyAsync(name, e.Order, stoppingToken).ConfigureAwait(false);
                        await execution.ContinuePairAsync(name, order, stoppingToken).ConfigureAwait(false);
                    }
                }

                board.Set(name, "reconnecting", "the order stream ended");
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (PaperTradingException e) when (e.Status == 409 && e.Field == "credentials")
            {
                board.Set(name, "needs_credentials", e.Detail);
                await Task.WhenAny(board.CredentialsStored(name), Task.Delay(MaxRetryDelay, time, stoppingToken)).ConfigureAwait(false);
                continue;
            }
            catch (Exception e)
            {
                // Adapters keep credentials out of their messages; the type and message are what an operator needs.
                board.Set(name, "reconnecting", $"{e.GetType().Name}: {e.Message}");
                LogReconnect(logger, name, delay, e.GetType().Name, e.Message);
            }

            trigger = "reconnect";
            try
            {
                await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
        }

        board.Set(name, "stopped");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Broker connection {Connection}: tokens {State}: {Warning}")]
    private static partial void LogTokens(ILogger logger, string connection, string state, string warning);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Broker connection {Connection}: order stream error for {ClientOrderId}: {Error}")]
    private static partial void LogStreamError(ILogger logger, string connection, string clientOrderId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Broker connection {Connection}: reconnecting in {Delay} after {ErrorType}: {Error}")]
    private static partial void LogReconnect(ILogger logger, string connection, TimeSpan delay, string errorType, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Broker tokens: the status could not be read ({ErrorType}: {Error}); looking again at the next check")]
    private static partial void LogTokenStatusFailed(ILogger logger, string errorType, string error);
}
