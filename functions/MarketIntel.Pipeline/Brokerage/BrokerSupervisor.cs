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
    BrokerConnections connections, BrokerExecution execution, BrokerReconciler reconciler, BrokerStatusBoard board, TimeProvider time, ILogger<BrokerSupervisor> logger)
    : BackgroundService
{
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(60);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(connections.Names.Select(name => Task.Run(() => SuperviseAsync(name, stoppingToken), stoppingToken)));

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
                        await execution.ApplyAsync(name, e.Order, stoppingToken).ConfigureAwait(false);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Broker connection {Connection}: order stream error for {ClientOrderId}: {Error}")]
    private static partial void LogStreamError(ILogger logger, string connection, string clientOrderId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Broker connection {Connection}: reconnecting in {Delay} after {ErrorType}: {Error}")]
    private static partial void LogReconnect(ILogger logger, string connection, TimeSpan delay, string errorType, string error);
}
