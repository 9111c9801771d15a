namespace MarketIntel.Pipeline.Workflows;

/// <summary>The rules and spellings of <see cref="RunStatus"/>: its stored name, which writes may follow which, failure reasons.</summary>
public static class RunStatuses
{
    /// <summary>Longest failure reason kept: enough for an exception message, short enough for a list row and a record.</summary>
    public const int MaxReasonLength = 500;

    /// <summary>The lowercase name, as JSON and the record envelopes' <c>status</c> field carry it.</summary>
    public static string Name(RunStatus status) => status switch
    {
        RunStatus.Running => "running",
        RunStatus.Completed => "completed",
        RunStatus.Failed => "failed",
        RunStatus.Interrupted => "interrupted",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "unknown run status"),
    };

    /// <summary>Reads a stored status; case-insensitive, since records written before the typed status used "Completed".</summary>
    public static RunStatus Parse(string name) =>
        name is { Length: > 0 } && char.IsAsciiLetter(name[0]) && Enum.TryParse<RunStatus>(name, ignoreCase: true, out var status)
            ? status
            : throw new FormatException($"'{name}' is not a run status");

    /// <summary>Completed, Failed and Interrupted: nothing more happens to the run unless it is started again.</summary>
    public static bool IsFinal(RunStatus status) => status is not RunStatus.Running;

    /// <summary>
    /// Whether a record in state <paramref name="current"/> (null: none yet) may be overwritten with <paramref name="next"/>.
    /// Completed is terminal: a completed run is never started again, so any later write is a late or duplicate one.
    /// Failed and Interrupted runs may be started again (Running) or have the same state rewritten (a retried activity);
    /// they never jump to another final state without a new Running in between. Running may move anywhere.
    /// </summary>
    public static bool CanMove(RunStatus? current, RunStatus next) => current switch
    {
        null or RunStatus.Running => true,
        RunStatus.Completed => next == RunStatus.Completed,
        _ => next == RunStatus.Running || next == current,
    };

    /// <summary>A failure's reason: the exception's message, bounded to <see cref="MaxReasonLength"/> characters.</summary>
    public static string Reason(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return Bound(string.IsNullOrWhiteSpace(exception.Message) ? exception.GetType().Name : exception.Message);
    }

    /// <summary>Cuts a reason to <see cref="MaxReasonLength"/> characters, marking the cut.</summary>
    public static string Bound(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return reason.Length <= MaxReasonLength ? reason : string.Concat(reason.AsSpan(0, MaxReasonLength - 1), "…");
    }
}
