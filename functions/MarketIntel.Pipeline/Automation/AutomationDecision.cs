namespace MarketIntel.Pipeline.Automation;

/// <summary>
/// What automation did with one setup of one scan run for one rule (<see cref="Core.Storage.RecordKinds.AutomationDecision"/>):
/// <see cref="Action"/> is <c>submitted</c> (the account accepted the order), <c>rejected</c> (a risk rule refused it;
/// <see cref="Reason"/> is its code), or <c>skipped</c> (<see cref="Reason"/>: <c>daily_cap</c>, <c>kill_switch</c>, the
/// trading state, or why the order could not be sized). <see cref="BrokerStatus"/> is the broker connection's answer when
/// the rule has one.
/// </summary>
public sealed record AutomationDecision(
    DateTime Time,
    string Account,
    string Strategy,
    string ScanRunId,
    string Symbol,
    DateTime SetupTime,
    string Action,
    string? Reason,
    string? ClientOrderId,
    string? Connection = null,
    string? BrokerStatus = null);
