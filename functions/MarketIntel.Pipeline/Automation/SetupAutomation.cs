using System.Globalization;
using System.Text.Json;
using MarketIntel.Core.Brokerage;
using MarketIntel.Core.Backtesting;
using MarketIntel.Core.Storage;
using MarketIntel.Core.Trading;
using MarketIntel.Pipeline.Brokerage;
using MarketIntel.Pipeline.ReadModels;
using MarketIntel.Pipeline.Trading;
using MarketIntel.Pipeline.Workflows;

namespace MarketIntel.Pipeline.Automation;

/// <summary>
/// Setups to orders, when a person has switched it on (<see cref="AutomationRule"/>; off by default). After every
/// completed scan run (<see cref="RunAsync"/>, called by the scan's last activity on both hosts), each enabled rule of
/// the scan's strategy places, for each setup raised since it was enabled, a bracket through
/// <see cref="PaperTrading.TradeSetupAsync(string, ScanRunDocument, Core.Scanning.TradeSetup, string, OrderOrigin, CancellationToken)"/>:
/// sized by the account's rule, through the same risk checks as a person's order, with origin <c>automation</c> and the
/// scan run and setup as its cause. Client order ids are deterministic per (account, strategy, setup), so a setup seen
/// again in the next scan, or a retried activity, is never a second order. Every decision is recorded.
/// <para>The kill switch stops automation first: <see cref="StopAccountAsync"/> switches the account's rules off before the
/// paper kill runs (the kill route does both), and a rule never acts on an account whose kill switch is engaged or that
/// is not <c>Active</c>. Switching back on is a person's act.</para>
/// </summary>
public sealed class SetupAutomation(IRecordStore records, PaperTrading paper, BrokerExecution brokers, BrokerConnections connections, TimeProvider time)
{
    public const string RulePartition = "automation";
    public const int DefaultDailyCap = 5;
    public const int MaxDailyCap = 100;

    public static string RuleId(string account, string strategy) => StorageKey.Compose(account, strategy);

    public static string DecisionPartition(string account) => StorageKey.Compose("automation", account);

    /// <summary>Every rule, by account then strategy.</summary>
    public async Task<List<AutomationRule>> RulesAsync(CancellationToken cancellationToken = default)
    {
        var rules = new List<AutomationRule>();
        await foreach (var r in records.ReadAllAsync<AutomationRule>(RecordKinds.AutomationRule, RulePartition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rules.Add(r.Payload);
        }

        return rules.OrderBy(r => r.Account, StringComparer.Ordinal).ThenBy(r => r.Strategy, StringComparer.Ordinal).ToList();
    }

    /// <summary>Switches automation of <paramref name="strategy"/> for <paramref name="account"/> on or off (400/404 naming the field for bad input).</summary>
    public async Task<AutomationRule> SetAsync(string account, string strategy, AutomationSwitch body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (!PaperTrading.IsValidAccountId(account))
        {
            throw new PaperTradingException(400, "account", $"'{account}' is not an account id (1 to 40 lower-case letters, digits and '-')");
        }

        if (string.IsNullOrWhiteSpace(strategy) || strategy.Length > 64 || !strategy.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new PaperTradingException(400, "strategy", $"'{strategy}' is not a strategy name (1 to 64 letters, digits, '-', '_' or '.'; the scan's name)");
        }

        if (body.Enabled is not { } enabled)
        {
            throw new PaperTradingException(400, "enabled", "true or false is required");
        }

        var cap = body.DailyCap ?? DefaultDailyCap;
        if (cap is < 1 or > MaxDailyCap)
        {
            throw new PaperTradingException(400, "dailyCap", $"{cap} is not in 1..{MaxDailyCap}");
        }

        if (body.Connection is { } connection && !connections.Contains(connection))
        {
            throw new PaperTradingException(400, "connection", $"broker connection '{connection}' is not configured (configured: {string.Join(", ", connections.Names.DefaultIfEmpty("none"))})");
        }

        // The account must exist (404 otherwise): automation never opens one.
        await paper.LoadAsync(account, cancellationToken).ConfigureAwait(false);
        var stored = await records.GetAsync<AutomationRule>(RecordKinds.AutomationRule, RulePartition, RuleId(account, strategy), cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow().UtcDateTime;
        var wasOn = stored?.Payload.Enabled == true;
        var rule = new AutomationRule(account, strategy, enabled, cap, body.Connection, enabled ? (wasOn ? stored!.Payload.EnabledSince : now) : null, now, enabled ? null : "person");
        await records.UpsertAsync(Envelope(rule, stored?.ETag), cancellationToken).ConfigureAwait(false);
        return rule;
    }

    /// <summary>Switches off every rule of the account (the kill switch's first step); returns how many were on.</summary>
    public async Task<int> StopAccountAsync(string account, string reason, CancellationToken cancellationToken = default)
    {
        var stopped = 0;
        await foreach (var r in records.ReadAllAsync<AutomationRule>(RecordKinds.AutomationRule, RulePartition, StorageKey.Escape(account) + StorageKey.Separator, cancellationToken).ConfigureAwait(false))
        {
            if (r.Payload.Account == account && r.Payload.Enabled)
            {
                var off = r.Payload with { Enabled = false, EnabledSince = null, Updated = time.GetUtcNow().UtcDateTime, StoppedBy = reason };
                await records.UpsertAsync(Envelope(off, r.ETag), cancellationToken).ConfigureAwait(false);
                stopped++;
            }
        }

        return stopped;
    }

    /// <summary>The decisions of an account on a UTC day, oldest first.</summary>
    public async Task<List<AutomationDecision>> DecisionsAsync(string account, DateOnly day, CancellationToken cancellationToken = default)
    {
        var from = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var decisions = new List<AutomationDecision>();
        string? token = null;
        do
        {
            var page = await records.QueryAsync<AutomationDecision>(RecordKinds.AutomationDecision, DecisionPartition(account),
                new RecordQuery(RecordQuery.MaxPageSize, token, null, StorageKey.TimeOrdered(from), StorageKey.TimeOrdered(from.AddDays(1))), cancellationToken).ConfigureAwait(false);
            decisions.AddRange(page.Records.Select(i => i.Payload));
            token = page.ContinuationToken;
        }
        while (token is not null);

        return decisions;
    }

    /// <summary>Acts on a completed scan run for every enabled rule of its strategy; returns the decisions made (none when automation is off).</summary>
    public async Task<IReadOnlyList<AutomationDecision>> RunAsync(ScanRunDocument run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Status != RunStatus.Completed || run.Setups is not { Count: > 0 })
        {
            return [];
        }

        var decisions = new List<AutomationDecision>();
        foreach (var rule in (await RulesAsync(cancellationToken).ConfigureAwait(false)).Where(r => r.Enabled && r.Strategy == run.Name))
        {
            try
            {
                decisions.AddRange(await RunRuleAsync(rule, run, cancellationToken).ConfigureAwait(false));
            }
            catch (PaperTradingException e) when (e.Status == 404)
            {
                // The account is gone: the rule cannot act, and the scan is not failed for it.
                decisions.Add(new AutomationDecision(time.GetUtcNow().UtcDateTime, rule.Account, rule.Strategy, run.Id, "", run.CreatedAt, "skipped", "account_missing", null));
            }
        }

        return decisions;
    }

    private async Task<List<AutomationDecision>> RunRuleAsync(AutomationRule rule, ScanRunDocument run, CancellationToken cancellationToken)
    {
        var made = new List<AutomationDecision>();
        var setups = run.Setups!.Where(s => s.Time >= rule.EnabledSince).OrderByDescending(s => s.Score).ThenBy(s => s.Symbol, StringComparer.Ordinal).ToList();
        if (setups.Count == 0)
        {
            return made;
        }

        var state = await paper.LoadAsync(rule.Account, cancellationToken).ConfigureAwait(false);
        var blocked = state.Engine.KillSwitch != KillSwitchLevel.Off ? "kill_switch"
            : state.Engine.State != TradingState.Active ? "trading_" + PaperNames.Of(state.Engine.State)
            : null;
        var day = DateOnly.FromDateTime(run.CreatedAt);
        var placedToday = (await DecisionsAsync(rule.Account, day, cancellationToken).ConfigureAwait(false))
            .Where(d => d.Strategy == rule.Strategy && d.Action == "submitted")
            .Select(d => d.ClientOrderId)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var setup in setups)
        {
            var id = BrokerClientOrderId.For(rule.Account, string.Create(CultureInfo.InvariantCulture, $"{rule.Strategy}/{setup.Symbol}/{setup.Time:yyyyMMddTHHmmss}"), "entry");
            var known = state.Engine.Find(id);
            if (known is not null)
            {
                // Placed by an earlier run (or an earlier attempt of this one): never again; make sure its broker copy was sent.
                await SendToBrokerAsync(rule, run, setup, known, null, cancellationToken).ConfigureAwait(false);
                continue;
            }

            AutomationDecision decision;
            if (blocked is not null)
            {
                decision = Decision(rule, run, setup, "skipped", blocked, null);
            }
            else if (placedToday.Count >= rule.DailyCap || await TakeCapSlotAsync(rule, day, id, cancellationToken).ConfigureAwait(false) is not { } slot)
            {
                decision = Decision(rule, run, setup, "skipped", "daily_cap", null);
            }
            else
            {
                try
                {
                    var (order, _, risk) = await paper.TradeSetupAsync(rule.Account, run, setup, id, OrderOrigin.Automation, cancellationToken).ConfigureAwait(false);
                    if (order.Status == PaperNames.Of(OrderStatus.Rejected))
                    {
                        await ReleaseCapSlotAsync(rule, slot, cancellationToken).ConfigureAwait(false);
                        decision = Decision(rule, run, setup, "rejected", order.Reason ?? risk?.Reason, id);
                    }
                    else
                    {
                        placedToday.Add(id);
                        state = await paper.LoadAsync(rule.Account, cancellationToken).ConfigureAwait(false);
                        decision = Decision(rule, run, setup, "submitted", null, id);
                        decision = await SendToBrokerAsync(rule, run, setup, state.Engine.Find(id)!, decision, cancellationToken).ConfigureAwait(false) ?? decision;
                    }
                }
                catch (PaperTradingException e) when (e.Status is 409)
                {
                    await ReleaseCapSlotAsync(rule, slot, cancellationToken).ConfigureAwait(false);
                    decision = Decision(rule, run, setup, "skipped", $"{e.Field}: {e.Message}", null);
                }
            }

            await records.UpsertAsync(new RecordEnvelope<AutomationDecision>(
                StorageKey.TimeOrdered(run.CreatedAt, StorageKey.Hash(run.Id, rule.Strategy, setup.Symbol, setup.Time.ToString("O", CultureInfo.InvariantCulture))),
                DecisionPartition(rule.Account), RecordKinds.AutomationDecision, run.CreatedAt,
                JsonSerializer.SerializeToElement(new { rule.Account, rule.Strategy, scanRun = run.Id, setup.Symbol, setupTime = setup.Time }), PipelineVersion.Current, decision.Action, decision), cancellationToken).ConfigureAwait(false);
            made.Add(decision);
        }

        return made;
    }

    public static string CapSlotPartition(string account) => StorageKey.Compose("automation-cap", account);

    /// <summary>
    /// Takes one of the day's <see cref="AutomationRule.DailyCap"/> places for <paramref name="clientOrderId"/>: create-only
    /// records numbered 1..cap, so two instances acting on two scan runs at once cannot both take the last one (counting
    /// the day's decisions alone could let both through). A place already holding this id is its own (an earlier attempt
    /// that stopped before ordering). Null when every place is taken.
    /// </summary>
    private async Task<string?> TakeCapSlotAsync(AutomationRule rule, DateOnly day, string clientOrderId, CancellationToken cancellationToken)
    {
        var partition = CapSlotPartition(rule.Account);
        var prefix = StorageKey.Compose(rule.Strategy, day.ToString("yyyyMMdd", CultureInfo.InvariantCulture)) + StorageKey.Separator;
        var taken = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var place in records.ReadAllAsync<CapSlot>(RecordKinds.AutomationCapSlot, partition, prefix, cancellationToken).ConfigureAwait(false))
        {
            if (place.Payload.ClientOrderId == clientOrderId)
            {
                return place.Id;
            }

            taken[place.Id] = place.Payload.ClientOrderId;
        }

        for (var n = 1; n <= rule.DailyCap; n++)
        {
            var id = prefix + n.ToString("D3", CultureInfo.InvariantCulture);
            if (taken.ContainsKey(id))
            {
                continue;
            }

            var now = time.GetUtcNow().UtcDateTime;
            var created = await records.CreateAsync(new RecordEnvelope<CapSlot>(id, partition, RecordKinds.AutomationCapSlot, now,
                JsonSerializer.SerializeToElement(new { rule.Account, rule.Strategy, day }), PipelineVersion.Current, "taken", new CapSlot(clientOrderId, now)), cancellationToken).ConfigureAwait(false);
            if (created.Outcome == WriteOutcome.Created
                || (await records.GetAsync<CapSlot>(RecordKinds.AutomationCapSlot, partition, id, cancellationToken).ConfigureAwait(false))?.Payload.ClientOrderId == clientOrderId)
            {
                return id;
            }
        }

        return null;
    }

    /// <summary>Gives a place back when its order was not placed (rejected by a risk rule, refused): the cap counts orders placed.</summary>
    private Task ReleaseCapSlotAsync(AutomationRule rule, string slot, CancellationToken cancellationToken) =>
        records.DeleteAsync(RecordKinds.AutomationCapSlot, CapSlotPartition(rule.Account), slot, cancellationToken: cancellationToken);

    private sealed record CapSlot(string ClientOrderId, DateTime Taken);

    /// <summary>With a connection on the rule, the order the account accepted goes to the broker too (idempotent: the broker journal's intent is keyed by the same client order id).</summary>
    private async Task<AutomationDecision?> SendToBrokerAsync(AutomationRule rule, ScanRunDocument run, Core.Scanning.TradeSetup setup, Order order, AutomationDecision? decision, CancellationToken cancellationToken)
    {
        if (rule.Connection is not { } connection || order.Status == OrderStatus.Rejected)
        {
            return decision;
        }

        var entry = order.Request;
        var bracket = new BracketRequest(entry, setup.Stop, setup.Target);
        try
        {
            var (sent, _) = await brokers.SubmitAsync(connection, BrokerOrderRequest.WithBracket(bracket), OrderOrigin.Automation, PaperTrading.SetupCause(run, setup), cancellationToken).ConfigureAwait(false);
            return decision is null ? null : decision with { Connection = connection, BrokerStatus = PaperNames.Of(sent.Status) + (sent.Reason is { } r ? ": " + r : "") };
        }
        catch (BrokerException e)
        {
            // The intent is journaled; reconciliation asks the venue and a later run re-sends it under the same id.
            return decision is null ? null : decision with { Connection = connection, BrokerStatus = "unknown: " + e.ReasonCode };
        }
    }

    private AutomationDecision Decision(AutomationRule rule, ScanRunDocument run, Core.Scanning.TradeSetup setup, string action, string? reason, string? clientOrderId) =>
        new(time.GetUtcNow().UtcDateTime, rule.Account, rule.Strategy, run.Id, setup.Symbol, setup.Time, action, reason, clientOrderId);

    private static RecordEnvelope<AutomationRule> Envelope(AutomationRule rule, string? etag) =>
        new(RuleId(rule.Account, rule.Strategy), RulePartition, RecordKinds.AutomationRule, rule.Updated,
            JsonSerializer.SerializeToElement(new { rule.Account, rule.Strategy }), PipelineVersion.Current, rule.Enabled ? "on" : "off", rule)
        { ETag = etag };
}
