using MarketIntel.Pipeline.Trading;
using MarketIntel.Pipeline.Workflows;

namespace MarketIntel.Pipeline.Activities;

/// <summary>
/// The paper-trading step of the pipeline: after an ingest, working orders meet the new closed bars. Idempotent per
/// (account, bar): an account records the last bar it evaluated per symbol in its journal, so a retried activity finds
/// nothing new and adds nothing.
/// </summary>
public sealed class PaperActivities(PaperTrading trading)
{
    public Task<int> EvaluateAsync(PaperEvaluationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return trading.EvaluateIngestedAsync(request.Timeframe, request.Symbols, cancellationToken);
    }
}
