namespace MarketIntel.Pipeline.Trading;

/// <summary>A person's reset of tripped loss breakers and the kill switch.</summary>
public sealed record PaperReset(DateTime Time) : PaperCommand(Time);
