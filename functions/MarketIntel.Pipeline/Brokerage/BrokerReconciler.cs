using System.Globalization;
using System.Text.Json;
using MarketIntel.Core.Brokerage;
using MarketIntel.Core.Storage;
using MarketIntel.Core.Trading;
using MarketIntel.Ingestion.Service;
using MarketIntel.Pipeline.Trading;

namespace MarketIntel.Pipeline.Brokerage;

/// <summary>
/// Reconciliation of a broker connection, run on start, after the order stream reconnects, and on demand: the journal's
/// orders (<see cref="BrokerExecution"/>) against the venue's orders, fills and positions. Every difference becomes a
/// <see cref="BrokerDifference"/> in a stored report (<see cref="RecordKinds.BrokerReconciliation"/>) and a system event;
/// the journal is repaired only where the venue is authoritative, and each repair is one of those differences:
/// <list type="bullet">
/// <item><c>fill_missed</c>: the venue filled more of an order than the journal knew (a fill while the stream was down or the
/// process was not running) → repaired, the journal takes the venue's order (fills, average price, status).</item>
/// <item><c>status_changed</c>: the venue ended or changed an order without a new fill (canceled, expired, rejected) → repaired.</item>
/// <item><c>intent_not_at_venue</c>: an order journaled as an intent that the venue does not have (the process died between
/// recording and sending, or the send failed) → reported; re-submitting the same client order id sends it once.</item>
/// <item><c>missing_at_venue</c>: an order the venue acknowledged earlier and no longer knows → reported.</item>
/// <item><c>fills_ahead_of_venue</c>: the journal has more fills than the venue → reported (never lowered).</item>
/// <item><c>unknown_order</c>: an open order at the venue with one of our client order ids that the journal does not have, and
/// <c>foreign_order</c>: an open order placed outside the platform → reported, never adopted.</item>
/// <item><c>contingent_open_sent</c> / <c>contingent_open_canceled</c>: the close of a close-then-open pair ended while
/// nobody listened → its open is sent now (the close filled) or canceled unsent.</item>
/// <item><c>position_mismatch</c>: after the fills are repaired, the venue's position in a symbol differs from the journal's →
/// repaired by an adjustment (<see cref="BrokerJournalPositions"/>), with both quantities in the difference.</item>
/// </list>
/// Nothing is overwritten silently, and nothing is sent to the venue but the opening half of a pair whose close has filled.
/// </summary>
public sealed class BrokerReconciler(IRecordStore records, BrokerConnections connections, BrokerExecution execution, TimeProvider time, IngestionEventLog? events = null)
{
    public const string Repaired = "repaired";
    public const string Reported = "reported";
    public const string PositionsId = "positions";

    private const double Tolerance = 1e-9;

    public async Task<BrokerReconciliationReport> ReconcileAsync(string connection, string trigger, CancellationToken cancellationToken = default)
    {
        var broker = await connections.OpenAsync(connection, cancellationToken).ConfigureAwait(false);
        var differences = new List<BrokerDifference>();
        var journal = await execution.OrdersAsync(connection, cancellationToken).ConfigureAwait(false);
        var known = journal.Select(o => o.ClientOrderId).ToHashSet(StringComparer.Ordinal);
        var checkedOrders = 0;
        // The opening half of a close-then-open pair waits for its close; it is taken up below.
        foreach (var order in journal.Where(o => (o.Status is OrderStatus.New && o.After is null) || OrderTransitions.IsWorking(o.Status)).ToList())
        {
            checkedOrders++;
            var venue = await broker.GetOrderAsync(order.ClientOrderId, cancellationToken).ConfigureAwait(false);
            if (venue is null)
            {
                differences.Add(order.Venue is null
                    ? new BrokerDifference("intent_not_at_venue", order.ClientOrderId, order.Entry.Symbol, Name(order.Status), "none", Reported)
                    : new BrokerDifference("missing_at_venue", order.ClientOrderId, order.Entry.Symbol, Name(order.Status), "none", Reported));
                continue;
            }

            var journalFilled = order.Venue?.FilledQuantity ?? 0;
            if (venue.FilledQuantity + Tolerance < journalFilled)
            {
                differences.Add(new BrokerDifference("fills_ahead_of_venue", order.ClientOrderId, venue.Symbol, Quantity(journalFilled), Quantity(venue.FilledQuantity), Reported));
                continue;
            }

            var legsFilled = LegFills(order.Venue) + Tolerance < LegFills(venue);
            if (venue.FilledQuantity > journalFilled + Tolerance || legsFilled)
            {
                differences.Add(new BrokerDifference("fill_missed", order.ClientOrderId, venue.Symbol,
                    $"{Name(order.Status)}, filled {Quantity(journalFilled)}", $"{Name(venue.Status)}, filled {Quantity(venue.FilledQuantity)} at {Price(venue.AveragePrice)}", Repaired));
                await execution.ApplyAsync(connection, venue, cancellationToken).ConfigureAwait(false);
            }
            else if (venue.Status != order.Status)
            {
                differences.Add(new BrokerDifference("status_changed", order.ClientOrderId, venue.Symbol, Name(order.Status), Name(venue.Status), Repaired));
                await execution.ApplyAsync(connection, venue, cancellationToken).ConfigureAwait(false);
            }
        }

        // Pairs whose close ended while nobody was listening: the open is sent now (the close filled) or canceled unsent.
        foreach (var close in (await execution.OrdersAsync(connection, cancellationToken).ConfigureAwait(false)).Where(o => o.Then is not null && o.After is null))
        {
            if (await execution.ContinuePairAsync(connection, close, cancellationToken).ConfigureAwait(false) is { } opened)
            {
                differences.Add(new BrokerDifference(opened.Venue is null ? "contingent_open_canceled" : "contingent_open_sent", opened.ClientOrderId, opened.Entry.Symbol,
                    $"close {close.ClientOrderId} {Name(close.Status)}", opened.Venue is null ? "none" : Name(opened.Status), Repaired));
                known.Add(opened.ClientOrderId);
            }
        }

        var open = await broker.GetOrdersAsync(BrokerOrderQuery.Open, cancellationToken).ConfigureAwait(false);
        foreach (var venue in open.Where(o => !known.Contains(o.ClientOrderId)))
        {
            var ours = venue.ClientOrderId.StartsWith(BrokerClientOrderId.Prefix, StringComparison.Ordinal);
            differences.Add(new BrokerDifference(ours ? "unknown_order" : "foreign_order", venue.ClientOrderId, venue.Symbol, "none",
                $"{Name(venue.Status)} {PaperNames.Of(venue.Side)} {Quantity(venue.Quantity)}", Reported));
        }

        var positions = await ReconcilePositionsAsync(connection, broker, differences, cancellationToken).ConfigureAwait(false);
        var report = new BrokerReconciliationReport(connection, trigger, time.GetUtcNow().UtcDateTime, checkedOrders, open.Count, positions, differences);
        await records.UpsertAsync(new RecordEnvelope<BrokerReconciliationReport>(
            "reconciliation|" + StorageKey.TimeOrdered(report.Time), BrokerExecution.Partition(connection), RecordKinds.BrokerReconciliation, report.Time,
            JsonSerializer.SerializeToElement(new { connection, trigger }), PipelineVersion.Current, differences.Count == 0 ? "clean" : "differences", report), cancellationToken).ConfigureAwait(false);
        if (events is not null)
        {
            await events.WriteAsync(new IngestionEvent(
                "broker.reconciliation", differences.Count == 0 ? "info" : "warning", "broker/" + connection, null, null,
                differences.Count == 0
                    ? $"reconciliation ({trigger}): {checkedOrders} orders and {positions} positions agree with the venue"
                    : $"reconciliation ({trigger}): {report.Repaired} repaired, {report.Reported} reported",
                Counts: differences.GroupBy(d => d.Kind).ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal),
                Details: differences.Take(10).Select(d => $"{d.Kind} {d.ClientOrderId ?? d.Symbol}: journal {d.Journal}, venue {d.Venue} ({d.Action})").ToList()), cancellationToken).ConfigureAwait(false);
        }

        return report;
    }

    /// <summary>
    /// The newest reconciliations of a connection, newest first: read from the last day, widening to the last 30 days and
    /// then to all, so the usual question (the last one) reads one day's records however long the connection has run.
    /// </summary>
    public async Task<List<BrokerReconciliationReport>> HistoryAsync(string connection, int count, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        foreach (var since in new DateTimeOffset?[] { now.AddDays(-1), now.AddDays(-30), null })
        {
            var reports = new List<BrokerReconciliationReport>();
            string? token = null;
            do
            {
                var query = new RecordQuery(RecordQuery.MaxPageSize, token, "reconciliation|", since is { } from ? "reconciliation|" + StorageKey.TimeOrdered(from) : null, null);
                var page = await records.QueryAsync<BrokerReconciliationReport>(RecordKinds.BrokerReconciliation, BrokerExecution.Partition(connection), query, cancellationToken).ConfigureAwait(false);
                reports.AddRange(page.Records.Select(r => r.Payload));
                token = page.ContinuationToken;
            }
            while (token is not null);

            if (reports.Count >= count || since is null)
            {
                return reports.OrderByDescending(r => r.Time).Take(count).ToList();
            }
        }

        return [];
    }

    /// <summary>The journal's position per symbol: the signed fills of its orders plus reconciliation's adjustments.</summary>
    public async Task<Dictionary<string, double>> JournalPositionsAsync(string connection, CancellationToken cancellationToken = default)
    {
        var (adjustments, _) = await AdjustmentsAsync(connection, cancellationToken).ConfigureAwait(false);
        var positions = new Dictionary<string, double>(adjustments.Adjustments, StringComparer.Ordinal);
        foreach (var order in await execution.OrdersAsync(connection, cancellationToken).ConfigureAwait(false))
        {
            foreach (var (symbol, quantity) in order.SignedFills())
            {
                positions[symbol] = positions.GetValueOrDefault(symbol) + quantity;
            }
        }

        return positions;
    }

    private async Task<int> ReconcilePositionsAsync(string connection, IBroker broker, List<BrokerDifference> differences, CancellationToken cancellationToken)
    {
        var journal = await JournalPositionsAsync(connection, cancellationToken).ConfigureAwait(false);
        var venue = (await broker.GetPositionsAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(p => p.Symbol, p => p.Quantity, StringComparer.Ordinal);
        var (stored, etag) = await AdjustmentsAsync(connection, cancellationToken).ConfigureAwait(false);
        var adjustments = new Dictionary<string, double>(stored.Adjustments, StringComparer.Ordinal);
        var symbols = journal.Keys.Union(venue.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (var symbol in symbols)
        {
            var ours = journal.GetValueOrDefault(symbol);
            var theirs = venue.GetValueOrDefault(symbol);
            if (Math.Abs(ours - theirs) > Tolerance)
            {
                differences.Add(new BrokerDifference("position_mismatch", null, symbol, Quantity(ours), Quantity(theirs), Repaired));
                adjustments[symbol] = adjustments.GetValueOrDefault(symbol) + (theirs - ours);
            }
        }

        if (differences.Any(d => d.Kind == "position_mismatch"))
        {
            var now = time.GetUtcNow();
            await records.UpsertAsync(new RecordEnvelope<BrokerJournalPositions>(
                PositionsId, BrokerExecution.Partition(connection), RecordKinds.BrokerOrder, now, JsonSerializer.SerializeToElement(new { connection }),
                PipelineVersion.Current, "adjusted", new BrokerJournalPositions(adjustments)) { ETag = etag }, cancellationToken).ConfigureAwait(false);
        }

        return symbols.Count;
    }

    private async Task<(BrokerJournalPositions Positions, string? ETag)> AdjustmentsAsync(string connection, CancellationToken cancellationToken)
    {
        var stored = await records.GetAsync<BrokerJournalPositions>(RecordKinds.BrokerOrder, BrokerExecution.Partition(connection), PositionsId, cancellationToken).ConfigureAwait(false);
        return stored is null ? (BrokerJournalPositions.Empty, null) : (stored.Payload, stored.ETag);
    }

    private static double LegFills(BrokerOrder? order) => order?.Legs?.Sum(l => l.FilledQuantity) ?? 0;

    private static string Name(OrderStatus status) => PaperNames.Of(status);

    private static string Quantity(double value) => value.ToString("0.########", CultureInfo.InvariantCulture);

    private static string Price(double? value) => value is { } v ? v.ToString("0.########", CultureInfo.InvariantCulture) : "-";
}
