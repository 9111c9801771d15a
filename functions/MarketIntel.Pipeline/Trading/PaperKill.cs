using MarketIntel.Core.Trading;

namespace MarketIntel.Pipeline.Trading;

/// <summary>The kill switch engaged at <paramref name="Level"/>.</summary>
public sealed record PaperKill(DateTime Time, KillSwitchLevel Level) : PaperCommand(Time);
