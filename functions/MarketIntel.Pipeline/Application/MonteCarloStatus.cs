using System.Text.Json;
using MarketIntel.Pipeline.Workflows;

namespace MarketIntel.Pipeline.Application;

/// <summary>
/// A Monte Carlo run: its status, its inputs, once completed the report, and once failed or interrupted the reason
/// (the failing activity's message, at most <see cref="RunStatuses.MaxReasonLength"/> characters). The inputs are the
/// job as it was started; the report is the stored JSON as is (it may hold "NaN"), so it has no schema yet.
/// </summary>
public sealed record MonteCarloStatus(string Id, RunStatus Status, DateTimeOffset CreatedAt, string CodeVersion, MonteCarloJob Inputs, JsonElement? Report, string? Reason);
