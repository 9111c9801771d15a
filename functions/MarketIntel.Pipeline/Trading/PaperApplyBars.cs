namespace MarketIntel.Pipeline.Trading;

/// <summary>Closed bars evaluated against the working orders, in time order (one evaluation of the pipeline).</summary>
public sealed record PaperApplyBars(DateTime Time, IReadOnlyList<PaperBar> Bars) : PaperCommand(Time);
