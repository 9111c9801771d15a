namespace MarketIntel.Pipeline.Automation;

/// <summary>
/// An automation switch (<see cref="Core.Storage.RecordKinds.AutomationRule"/>): when <see cref="Enabled"/>, each new setup
/// of a completed scan of <see cref="Strategy"/> becomes a bracket order for paper account <see cref="Account"/>, sized
/// by the account's rule and through its risk checks, at most <see cref="DailyCap"/> a UTC day; with a
/// <see cref="Connection"/>, each order the account accepts is also sent to that broker connection. "New" means raised
/// at or after <see cref="EnabledSince"/>, so switching automation on never trades setups that were already there.
/// <see cref="StoppedBy"/> says what switched it off (<c>kill_switch</c>, or <c>person</c>). Off by default: no rule, no automation.
/// </summary>
public sealed record AutomationRule(
    string Account,
    string Strategy,
    bool Enabled,
    int DailyCap,
    string? Connection,
    DateTime? EnabledSince,
    DateTime Updated,
    string? StoppedBy);
