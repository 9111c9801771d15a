using MarketIntel.Pipeline.Activities;

namespace MarketIntel.Pipeline.Workflows;

/// <summary>The activity classes of the pipeline, as both hosts compose them (the Functions app's activity functions call the same instances).</summary>
public sealed record PipelineActivities(
    MonteCarloActivities MonteCarlo, RunRecordActivities Runs, IngestActivities Ingest, ScanActivities Scan, RetentionActivities Retention, PaperActivities Paper);
